# Statistics for the benchmark scripts (sourced, not run).

# The median of the numbers on stdin, one per line (integer division for an even count).
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# The numbers on stdin are paired differences (with agent minus baseline, one alternating pair per
# line). Prints their median and a distribution-free confidence interval for it of at least 95 %
# (the sign test's order statistics: [d_k, d_(n+1-k)] with the largest k such that
# P(Binomial(n, 1/2) <= k-1) <= 0.025; its normal approximation beyond 1000 pairs, where 0.5^n
# underflows), "median - -" with fewer than 6 pairs. A pair shares the machine's state of its
# minute, so the interval says what the run can tell apart from its noise.
paired_difference() {
  sort -n | awk '{ d[NR] = $1 } END {
    n = NR
    med = (n % 2) ? d[(n + 1) / 2] : int((d[n / 2] + d[n / 2 + 1]) / 2)
    k = 0
    if (n > 1000) {
      k = int((n - 1.96 * sqrt(n)) / 2)
    } else {
      p = 0.5 ^ n; cdf = p
      for (i = 0; i < n && cdf <= 0.025; i++) { k = i + 1; p = p * (n - i) / (i + 1); cdf += p }
    }
    if (k < 1) { print med, "-", "-" } else { print med, d[k], d[n + 1 - k] }
  }'
}

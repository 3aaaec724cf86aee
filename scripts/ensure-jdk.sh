#!/usr/bin/env bash
# ensure-jdk.sh N — make a JDK of major version N available and print its
# JAVA_HOME on stdout (that single line only; all progress goes to stderr).
#
#   JAVA_HOME="$(scripts/ensure-jdk.sh 11)"
#
# Lookup order for version N:
#   1. $BULWARK_JDK<N> (e.g. BULWARK_JDK11), if it is a directory with bin/java;
#   2. a JDK under /usr/lib/jvm whose bin/java and bin/javac report major N;
#   3. for 11 only: a JDK unpacked (not installed) from Debian bullseye-security
#      into ${BULWARK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/bulwark}/jdk-11,
#      because Debian 12 (bookworm) ships no JDK 11 package;
#   4. otherwise exit 1 with a message on stderr.
#
# Provisioning never touches the system's apt configuration or dpkg database:
# apt runs with a private sources list, lists dir and cache, and the .debs are
# only unpacked with `dpkg -x`.
set -euo pipefail

# Keep stdout clean for the one line callers capture: everything (our logs and
# every tool we run) goes to stderr, and the result is written to fd 3.
exec 3>&1 1>&2

readonly PROG=ensure-jdk
log() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
  printf 'usage: %s MAJOR   (e.g. 11, 17, 25)\n' "$0" >&2
  exit 1
}

[[ $# -eq 1 ]] || usage
want="$1"
[[ $want =~ ^[1-9][0-9]*$ ]] || usage

# major_of VERSION -> the feature release: "1.8.0_392" -> 8, "11.0.32.1" -> 11,
# "25" -> 25, "26-ea" -> 26. Prints nothing if VERSION is not a version.
major_of() {
  local v="$1"
  [[ $v == 1.* ]] && v="${v#1.}"   # pre-JEP 223 scheme (Java 8 and older)
  v="${v%%[!0-9]*}"
  [[ -n $v ]] && printf '%s\n' "$v"
}

# java_major HOME -> major version that HOME/bin/java reports. Parses the
# `version "..."` line because other lines (e.g. "Picked up JAVA_TOOL_OPTIONS")
# may come first. sed quits on the first match instead of piping to head, so
# pipefail cannot trip on SIGPIPE.
java_major() {
  local out
  out="$("$1/bin/java" -version 2>&1)" || return 1
  major_of "$(sed -n '/ version "/{s/.* version "\([^"]*\)".*/\1/p;q}' <<<"$out")"
}

# javac_major HOME -> major version that HOME/bin/javac reports ("javac 11.0.32.1").
javac_major() {
  local out
  out="$("$1/bin/javac" -version 2>&1)" || return 1
  major_of "$(sed -n '/^javac /{s/^javac \([^ ]*\).*/\1/p;q}' <<<"$out")"
}

# is_jdk HOME N: a full JDK (java *and* javac, a JRE is not enough to build)
# whose tools both report major N.
is_jdk() {
  local home="$1" n="$2" jm cm
  [[ -x $home/bin/java && -x $home/bin/javac ]] || return 1
  # Check java first and bail out early: each probe starts a JVM.
  jm="$(java_major "$home")" || return 1
  [[ $jm == "$n" ]] || return 1
  cm="$(javac_major "$home")" || return 1
  [[ $cm == "$n" ]]
}

found() {
  printf '%s\n' "$1" >&3
  exit 0
}

# --- 1. explicit override ----------------------------------------------------
override_var="BULWARK_JDK${want}"
override="${!override_var:-}"
if [[ -n $override ]]; then
  if [[ -x $override/bin/java ]]; then
    # The variable is an explicit escape hatch, so it wins even on a version
    # mismatch; say so loudly rather than silently second-guessing the user.
    got="$(java_major "$override" || true)"
    if [[ $got != "$want" ]]; then
      log "warning: $override_var=$override reports Java ${got:-?}, not $want; using it anyway"
    fi
    found "$override"
  fi
  log "warning: ignoring $override_var=$override: no executable bin/java there"
fi

# --- 2. a JDK installed under /usr/lib/jvm -----------------------------------
# Real directories first, so that e.g. java-17-openjdk-amd64 is printed rather
# than its java-1.17.0-openjdk-amd64 alias symlink.
shopt -s nullglob
candidates=()
for d in /usr/lib/jvm/*/; do
  d="${d%/}"
  [[ -L $d ]] || candidates+=("$d")
done
for d in /usr/lib/jvm/*/; do
  d="${d%/}"
  [[ -L $d ]] && candidates+=("$d")
done
shopt -u nullglob
for d in "${candidates[@]}"; do
  if is_jdk "$d" "$want"; then
    found "$d"
  fi
done

if [[ $want != 11 ]]; then
  die "no JDK $want found: set $override_var to a JDK $want home, or install one under /usr/lib/jvm (e.g. apt-get install openjdk-$want-jdk-headless where the distribution has it)"
fi

# --- 3. JDK 11: unpacked from Debian bullseye-security into the cache --------
cache_root="${BULWARK_CACHE:-${XDG_CACHE_HOME:-${HOME:?HOME is not set}/.cache}/bulwark}"
jdk_home="$cache_root/jdk-11"
marker="$jdk_home/.bulwark-jdk-ok"

# The marker is only written after a verified unpack and renamed into place
# together with the JDK, so its presence means "complete". The extra -e checks
# catch a store we link to (cacerts) or a config file disappearing later.
provisioned_ok() {
  [[ -f $marker ]] &&
    [[ -e $jdk_home/conf/security/java.security ]] &&
    [[ -e $jdk_home/lib/security/cacerts ]] &&
    is_jdk "$jdk_home" 11
}

# Fast path, without the lock: the rename into place is atomic, so a reader
# never sees a half-unpacked JDK under $jdk_home.
if provisioned_ok; then
  found "$jdk_home"
fi

for tool in apt-get dpkg flock; do
  command -v "$tool" >/dev/null || die "JDK 11 is not available and '$tool' (needed to fetch it from Debian) is missing; set $override_var instead"
done

mkdir -p "$cache_root"
# Serialise concurrent runs (parallel builds, CI + shell): only one downloads.
lock_file="$cache_root/jdk-11.lock"
exec {lock_fd}>"$lock_file"
if ! flock -n "$lock_fd"; then
  log "another run is provisioning JDK 11; waiting for $lock_file"
  flock -w 1800 "$lock_fd" || die "timed out waiting for $lock_file"
fi

# Whoever held the lock before us may have finished the job.
if provisioned_ok; then
  found "$jdk_home"
fi

# All scratch lives inside the cache dir, so the final mv is a same-filesystem
# rename(2), i.e. atomic. The trap cleans up on every exit, including failures.
work="$(mktemp -d "$cache_root/.jdk-11.tmp.XXXXXX")"
trap 'rm -rf "$work"' EXIT

arch="$(dpkg --print-architecture)"
packages=(openjdk-11-jre-headless openjdk-11-jdk-headless)

# Signature verification stays on: pick a keyring that holds the key signing
# bullseye-security's InRelease. The dedicated per-suite keyring from
# debian-archive-keyring is the narrowest trust; the combined keyring is the
# fallback for keyring packages that dropped the split files.
keyring=""
for k in \
  /usr/share/keyrings/debian-archive-bullseye-security-automatic.gpg \
  /usr/share/keyrings/debian-archive-keyring.gpg \
  /usr/share/keyrings/debian-archive-keyring.pgp \
  /etc/apt/trusted.gpg.d/debian-archive-bullseye-security-automatic.asc; do
  if [[ -r $k ]]; then
    keyring="$k"
    break
  fi
done
[[ -n $keyring ]] || die "no Debian archive keyring found to verify bullseye-security (install the debian-archive-keyring package)"

# Private, empty preferences (parts) too, so system pinning cannot change which
# version is picked; "-" is not special for preferencesparts (apt warns).
mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial" \
  "$work/apt/preferences.d" "$work/debs" "$work/root"
apt_opts=(
  -q
  -o "Dir::Etc::sourcelist=$work/apt/sources.list"
  -o "Dir::Etc::sourceparts=-"
  -o "Dir::Etc::preferences=$work/apt/preferences"
  -o "Dir::Etc::preferencesparts=$work/apt/preferences.d"
  -o "Dir::State::Lists=$work/apt/lists"
  -o "Dir::Cache=$work/apt/cache"
  -o "Dir::Cache::pkgcache="
  -o "Dir::Cache::srcpkgcache="
)
if [[ $EUID -eq 0 ]]; then
  # apt drops to the _apt user for downloads, which cannot enter a private dir
  # under /root; it would fall back to root anyway, with a warning per file.
  # Integrity does not depend on this: InRelease is checked with gpgv and each
  # .deb against the signed hashes.
  apt_opts+=(-o "APT::Sandbox::User=root")
fi

# deb.debian.org is the CDN front for the security archive;
# security.debian.org is the canonical host. Either may be blocked or flaky.
mirrors=()
[[ -n ${BULWARK_DEBIAN_SECURITY_MIRROR:-} ]] && mirrors+=("$BULWARK_DEBIAN_SECURITY_MIRROR")
mirrors+=(http://deb.debian.org/debian-security http://security.debian.org/debian-security)

fetched=""
for mirror in "${mirrors[@]}"; do
  log "fetching ${packages[*]} from $mirror bullseye-security (keyring $keyring)"
  printf 'deb [arch=%s signed-by=%s] %s bullseye-security main\n' \
    "$arch" "$keyring" "$mirror" >"$work/apt/sources.list"
  rm -f "$work/debs/"*.deb
  # --error-on=any: a failed or unverifiable index must not be silently
  # "ignored" (apt's default for some fetch failures).
  if apt-get "${apt_opts[@]}" --error-on=any update &&
    (cd "$work/debs" && apt-get "${apt_opts[@]}" download "${packages[@]}"); then
    fetched="$mirror"
    break
  fi
  log "mirror $mirror failed"
done
[[ -n $fetched ]] || die "could not download ${packages[*]} from any mirror (${mirrors[*]})"

for deb in "$work/debs/"*.deb; do
  log "unpacking $(basename "$deb")"
  dpkg -x "$deb" "$work/root"
done

pkg_jdk="$work/root/usr/lib/jvm/java-11-openjdk-$arch"
pkg_etc="$work/root/etc/java-11-openjdk"
[[ -d $pkg_jdk && -d $pkg_etc ]] || die "unexpected package layout: $pkg_jdk or $pkg_etc missing"

# Move the JDK to its final relative position first, so that relative links are
# judged where they will actually live.
jdk="$work/jdk"
mv -T "$pkg_jdk" "$jdk"

# Debian keeps the JDK's configuration in /etc/java-11-openjdk and links
# conf/*, lib/jvm.cfg, lib/security/*.certs etc. there. That dir only exists
# when the package is installed, so replace every such link with the copy the
# .deb ships under etc/java-11-openjdk/. Without this, java cannot even start
# (lib/jvm.cfg) and javac/TLS fail with "Error loading java.security file".
while IFS= read -r -d '' link; do
  target="$(readlink "$link")"
  case $target in
    /etc/java-11-openjdk/*)
      shipped="$pkg_etc/${target#/etc/java-11-openjdk/}"
      rm "$link"
      if [[ -e $shipped ]]; then
        cp -rL "$shipped" "$link"
      else
        # e.g. lib/security/blacklisted.certs: a compatibility name kept by the
        # package, whose /etc target it no longer ships (the JDK reads
        # blocked.certs, which is shipped and copied).
        log "dropping ${link#"$jdk"/} -> $target (the package ships no such file)"
      fi
      ;;
  esac
done < <(find "$jdk" -type l -print0)

# The trust store: Debian links lib/security/cacerts to the system store that
# ca-certificates-java maintains (/etc/ssl/certs/java/cacerts). Keep the link
# when it resolves, so CA updates reach JDK 11 too; otherwise copy a store from
# another JDK on the machine. provisioned_ok re-checks it on every run.
cacerts="$jdk/lib/security/cacerts"
if [[ ! -s $cacerts ]]; then
  rm -f "$cacerts"
  store=""
  for s in /etc/ssl/certs/java/cacerts /usr/lib/jvm/*/lib/security/cacerts; do
    if [[ -s $s ]]; then
      store="$s"
      break
    fi
  done
  [[ -n $store ]] || die "no usable Java trust store (cacerts) on this machine; install ca-certificates-java"
  log "lib/security/cacerts: copying $store"
  cp -L "$store" "$cacerts"
fi

# Remaining dangling links: only the two known harmless ones are removed
# (lib/src.zip belongs to openjdk-11-source, which we do not fetch; docs points
# at /usr/share/doc outside the JDK tree). Anything else means the package
# layout changed, and we stop rather than ship a subtly broken JDK.
unexpected=()
while IFS= read -r -d '' link; do
  [[ -e $link ]] && continue
  case ${link#"$jdk"/} in
    lib/src.zip | docs)
      log "removing dangling ${link#"$jdk"/} -> $(readlink "$link")"
      rm "$link"
      ;;
    *) unexpected+=("${link#"$jdk"/} -> $(readlink "$link")") ;;
  esac
done < <(find "$jdk" -type l -print0)
if [[ ${#unexpected[@]} -gt 0 ]]; then
  die "unexpected dangling symlinks in the unpacked JDK: ${unexpected[*]}"
fi

# Free the download space before verifying.
rm -rf "$work/root" "$work/debs" "$work/apt"

# Verify before declaring success: both tools report 11, javac compiles and
# java runs a class that loads java.security (SSLContext.getDefault) and a
# non-empty trust store (default TrustManager's accepted issuers).
is_jdk "$jdk" 11 || die "the unpacked JDK does not report version 11 (java/javac -version)"
mkdir -p "$work/hello"
cat >"$work/hello/Hello.java" <<'EOF'
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

public class Hello {
    public static void main(String[] args) throws Exception {
        SSLContext ctx = SSLContext.getDefault();
        TrustManagerFactory tmf =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((java.security.KeyStore) null);
        int cas = 0;
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager) {
                cas += ((X509TrustManager) tm).getAcceptedIssuers().length;
            }
        }
        if (cas == 0) {
            throw new IllegalStateException("default trust store is empty");
        }
        System.out.println("Hello from Java " + System.getProperty("java.version")
                + ": " + ctx.getProtocol() + " context, " + cas + " trusted CAs");
    }
}
EOF
"$jdk/bin/javac" -d "$work/hello" "$work/hello/Hello.java" ||
  die "javac failed to compile the check class"
hello_out="$("$jdk/bin/java" -cp "$work/hello" Hello)" ||
  die "java failed to run the check class (java.security / cacerts)"
log "$hello_out"
rm -rf "$work/hello"

printf 'openjdk-11 from %s bullseye-security, verified %s\n' \
  "$fetched" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$jdk/.bulwark-jdk-ok"

# Swap into place. An existing $jdk_home failed provisioned_ok (we hold the
# lock), so move it aside into $work, where the trap deletes it.
if [[ -e $jdk_home || -L $jdk_home ]]; then
  log "replacing incomplete or broken $jdk_home"
  mv -T "$jdk_home" "$work/old"
fi
mv -T "$jdk" "$jdk_home"
log "JDK 11 ready in $jdk_home"
found "$jdk_home"

#!/usr/bin/env bash
# ensure-chromium.sh — make a headless-capable Chromium available and print the
# path of its executable on stdout (that single line only; progress goes to stderr).
#
#   CHROMIUM="$(scripts/ensure-chromium.sh)"
#
# Lookup order:
#   1. $BULWARK_CHROMIUM, if it is an executable file;
#   2. chromium, chromium-browser, google-chrome on the PATH;
#   3. as root on a Debian-like machine: install Debian's `chromium` package
#      (apt-get update, then apt-get install), once; a lock keeps parallel
#      callers from running apt twice;
#   4. otherwise exit 1 with a message on stderr.
#
# Used by the tests that open the HTML audit report in a real browser.
set -euo pipefail

exec 3>&1 1>&2

readonly PROG=ensure-chromium
log() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() { log "error: $*"; exit 1; }

found() {
  printf '%s\n' "$1" >&3
  exit 0
}

lookup() {
  local name
  if [[ -n ${BULWARK_CHROMIUM:-} ]]; then
    [[ -x $BULWARK_CHROMIUM && -f $BULWARK_CHROMIUM ]] ||
      die "BULWARK_CHROMIUM=$BULWARK_CHROMIUM is not an executable file"
    found "$BULWARK_CHROMIUM"
  fi
  for name in chromium chromium-browser google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then
      found "$(command -v "$name")"
    fi
  done
}

lookup

command -v apt-get >/dev/null 2>&1 ||
  die "no Chromium found and no apt-get to install one: install Chromium or set BULWARK_CHROMIUM"
[[ $(id -u) -eq 0 ]] ||
  die "no Chromium found; installing Debian's chromium package needs root: run 'apt-get install chromium' or set BULWARK_CHROMIUM"

lock=/var/lock/bulwark-ensure-chromium.lock
exec 9>"$lock"
flock 9
lookup # another caller may have installed it while we waited

log "installing Debian's chromium package (first use only)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || die "apt-get update failed"
apt-get install -y -qq --no-install-recommends chromium fonts-liberation ||
  die "apt-get install chromium failed"

lookup
die "chromium was installed but no executable was found on the PATH"

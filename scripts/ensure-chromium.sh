#!/usr/bin/env bash
# Makes sure the browser tests have a Chromium: uses IAMLP_CHROMIUM or /usr/bin/chromium when present, else installs
# Debian's chromium package when this machine can (root, or password-less sudo, with apt-get). Otherwise it says so
# and the browser suites report themselves skipped (or fail, under CI=true).
set -uo pipefail
if [ -n "${IAMLP_CHROMIUM:-}" ] || [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: no Chromium and no apt-get: install Chromium and set IAMLP_CHROMIUM to run the browser tests" >&2
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "ensure-chromium: no Chromium, and installing one needs root: run 'sudo apt-get install chromium'" >&2
  exit 0
fi
echo "ensure-chromium: installing Debian's chromium for the browser tests (once)" >&2
install() { "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
install || { "${as_root[@]}" apt-get update -qq >/dev/null && install; } || {
  echo "ensure-chromium: installing chromium failed; the browser suites will say they were skipped" >&2
}
exit 0

#!/usr/bin/env bash
# Installs the Debian packages the test suite uses when they are missing:
# chromium (browser tests through playwright-core), poppler-utils (pdftotext for PDF checks) and
# postgresql (the PostgreSQL tests start a throwaway cluster of their own: server/test/postgres/cluster.ts)
# and nginx-light (the several-node test runs deploy/nginx-startex-nodes.conf in front of its nodes).
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx-light)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
  echo "Please install: ${missing[*]} (apt-get install -y ${missing[*]})" >&2; exit 1
fi
echo "Installing ${missing[*]} from Debian packages..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null

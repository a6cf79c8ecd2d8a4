#!/bin/sh
# Builds the web UI into target/classes/static, where Spring Boot serves it at /.
# Run by Maven in generate-resources (`./mvnw spring-boot:run`, `./mvnw verify`, `./mvnw package`)
# with the machine's Node.js and npm; `-Dcentrik.web.skip` leaves the last build in place.
set -eu
cd "${0%/*}"

fail() {
  echo "[centrik] $1" >&2
  echo "[centrik] The web UI (src/main/web) is built with Node.js 20.19 or newer and npm. Install them" >&2
  echo "[centrik] (Debian/Ubuntu: apt-get install nodejs npm, or your system's Node.js 20+ packages), then run the same command again." >&2
  exit 1
}

command -v node >/dev/null 2>&1 || fail "node is not on the PATH."
command -v npm >/dev/null 2>&1 || fail "npm is not on the PATH."
node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1)' \
  || fail "node $(node --version) is too old."

# npm ci only when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
exec npm run --silent build

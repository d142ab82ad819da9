#!/usr/bin/env bash
# Refresh the vendored Apache ECharts under static/vendor/echarts from the npm registry.
#
#   scripts/update-echarts.sh [VERSION]      (default: the version pinned below)
#
# Downloads the package tarball with `npm pack`, checks it against the registry's
# sha512 integrity, and copies dist/echarts.min.js with its LICENSE, NOTICE and
# licenses/ into static/vendor/echarts. Update static/vendor/README.md afterwards
# (version, integrity, size) and run `make test`.
set -euo pipefail

version="${1:-5.6.0}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/static/vendor/echarts"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "echarts@${version}" >/dev/null
tgz="echarts-${version}.tgz"
want="$(npm view "echarts@${version}" dist.integrity)"
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
if [[ "$want" != "$got" ]]; then
	echo "integrity mismatch for $tgz: registry $want, file $got" >&2
	exit 1
fi
tar xzf "$tgz"

rm -rf "$dest"
mkdir -p "$dest/licenses"
cp package/dist/echarts.min.js package/LICENSE "$dest/"
[[ -f package/NOTICE ]] && cp package/NOTICE "$dest/"
if compgen -G 'package/licenses/*' >/dev/null; then
	cp package/licenses/* "$dest/licenses/"
else
	rmdir "$dest/licenses"
fi
chmod 644 "$dest"/* "$dest"/licenses/* 2>/dev/null || true

echo "echarts ${version}"
echo "integrity ${got}"
echo "echarts.min.js $(wc -c <"$dest/echarts.min.js") bytes, sha256 $(sha256sum "$dest/echarts.min.js" | cut -d' ' -f1)"

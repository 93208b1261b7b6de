# Sourced by ./course (which sets ROOT, CONFIG, TFM, say, die): what old Linux needs.
#
# Old Linux (Debian 12, Ubuntu 22.04): TorchSharp's native library needs GLIBCXX_3.4.32 (GCC 13's
# libstdc++). When the system's libstdc++ lacks it, the course fetches Debian trixie's libc6, libstdc++6
# and libgcc-s1 once into a cache folder (no system change) and starts its programs' apphosts through
# that loader (launcher_for). The full Fashion-MNIST set comes the same way (provision_data).

CACHE=${COURSE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/deep-course}
COMPAT_DIR="$CACHE/compat-trixie"
COMPAT_PACKAGES="libc6 libstdc++6 libgcc-s1 patchelf"
DATA_DIR="$CACHE/fashion-mnist"
DATA_FILES="train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte"

# ---------------------------------------------------------------- detection

# The system libstdc++ the dynamic loader would pick (override: COURSE_LIBSTDCXX).
system_libstdcxx() {
  if [ -n "${COURSE_LIBSTDCXX:-}" ]; then printf '%s\n' "$COURSE_LIBSTDCXX"; return; fi
  lib=$( (/sbin/ldconfig -p 2>/dev/null || ldconfig -p 2>/dev/null) | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')
  [ -n "$lib" ] || for c in /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6 /usr/lib/libstdc++.so.6; do
    [ -e "$c" ] && { lib=$c; break; }
  done
  printf '%s\n' "$lib"
}

# Exit status 0 when the compatibility runtime is needed on this host.
needs_compat() {
  case "${COURSE_COMPAT:-auto}" in
    always) return 0 ;;
    never) return 1 ;;
  esac
  [ "$(uname -s)" = Linux ] || return 1
  [ "$(uname -m)" = x86_64 ] || return 1
  lib=$(system_libstdcxx)
  [ -n "$lib" ] && [ -e "$lib" ] || return 1   # no GNU libstdc++ (musl, …): nothing we can do here
  ! grep -q 'GLIBCXX_3\.4\.32' "$lib"
}

# ---------------------------------------------------------------- provisioning
#
# Everything fetched lives in $CACHE, without root and without touching the system's apt state.
# Each fetch works in a private folder "$CACHE/tmp.<what>.<pid>" that is renamed into place at
# the end, so an interrupted run leaves nothing half-made and two runs at once cannot corrupt each
# other (the loser discards its copy); the next run removes what interrupted runs left behind.

# The Debian mirror this system already uses (falls back to deb.debian.org).
debian_mirror() {
  m=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ {print $2}' | grep -v -e security -e '^$' | grep -i debian | head -n 1 || true)
  [ -n "$m" ] || m=$(awk '$1=="deb" && $0 !~ /security/ && $0 ~ /debian/ {for(i=2;i<=NF;i++) if ($i ~ /^https?:/) {print $i; exit}}' /etc/apt/sources.list 2>/dev/null || true)
  printf '%s\n' "${m:-http://deb.debian.org/debian}"
}

# A process that is still running (not gone, not a zombie waiting to be reaped).
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  [ -r "/proc/$1/stat" ] || return 0
  state=$(sed 's/.*) //' "/proc/$1/stat" | cut -d' ' -f1)
  [ "$state" != Z ]
}

# Remove what interrupted runs left behind (their process is gone).
remove_stale() {
  for old in "$CACHE"/tmp.*.* "$CACHE"/compat-tmp.*; do   # compat-tmp.*: older launchers
    [ -d "$old" ] || continue
    alive "${old##*.}" || rm -rf "$old"
  done
}

# Print a fresh private work folder for this process: new_tmp WHAT (a word without dots).
new_tmp() {
  mkdir -p "$CACHE"
  remove_stale
  rm -rf "$CACHE/tmp.$1.$$"
  mkdir -p "$CACHE/tmp.$1.$$/debs" "$CACHE/tmp.$1.$$/root"
  printf '%s\n' "$CACHE/tmp.$1.$$"
}

# Give up on a fetch: show apt's log, remove the work folder, stop with a message.
fail_fetch() { cat "$1/apt.log" >&2 2>/dev/null || true; rm -rf "$1"; die "$2"; }

# Rename a finished folder into place; when another run got there first, keep its copy.
install_dir() { mv -T "$1" "$2" 2>/dev/null || [ -e "$2/.complete" ]; }

# apt-get with a private index and download cache in folder $1. With a sources list $2 only that
# list is read; with "" the system's own sources and its own trust store are used (read only).
apt_private() {
  work=$1 list=$2; shift 2
  mkdir -p "$work/lists/partial" "$work/archives/partial"
  [ -z "$list" ] || set -- -o Dir::Etc::SourceList="$list" -o Dir::Etc::SourceParts=/dev/null "$@"
  apt-get -o Dir::State::Lists="$work/lists" -o Dir::Cache="$work" \
    -o Dir::Cache::archives="$work/archives" -o Debug::NoLocking=1 -o APT::Get::List-Cleanup=0 \
    -o Acquire::Languages=none "$@"
}

# Download package $2 into $1/debs from this system's own, already trusted sources: from the index
# the system has, else from a private fresh copy of that index (neither needs root).
system_download() {
  (cd "$1/debs" && apt-get -qq download "$2") >>"$1/apt.log" 2>&1 && return 0
  apt_private "$1" "" -qq update >>"$1/apt.log" 2>&1 || return 1
  (cd "$1/debs" && apt_private "$1" "" -qq download "$2") >>"$1/apt.log" 2>&1
}

# The keyring that verifies Debian's trixie index (its Release file is always verified): the one
# COURSE_DEBIAN_KEYRING names, else the system's (Debian ships it), else the debian-archive-keyring
# package fetched once from this system's own sources, which its apt verifies (Ubuntu).
debian_keyring() {
  if [ -n "${COURSE_DEBIAN_KEYRING:-}" ]; then
    [ -r "$COURSE_DEBIAN_KEYRING" ] || die "COURSE_DEBIAN_KEYRING names $COURSE_DEBIAN_KEYRING, which cannot be read"
    printf '%s\n' "$COURSE_DEBIAN_KEYRING"; return
  fi
  system=${COURSE_SYSTEM_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}
  [ -r "$system" ] && { printf '%s\n' "$system"; return; }
  keyring="$CACHE/debian-keyring/debian-archive-keyring.gpg"
  [ -e "$CACHE/debian-keyring/.complete" ] && { printf '%s\n' "$keyring"; return; }
  say "no Debian archive keyring here ($system): fetching the debian-archive-keyring package once from this system's own sources into $CACHE/debian-keyring"
  kt=$(new_tmp keyring)
  system_download "$kt" debian-archive-keyring || fail_fetch "$kt" "apt-get download debian-archive-keyring failed (see above); install it (sudo apt-get install debian-archive-keyring) or set COURSE_DEBIAN_KEYRING"
  for deb in "$kt"/debs/*.deb; do dpkg-deb -x "$deb" "$kt/root"; done
  mkdir -p "$kt/out"
  cp "$kt/root/usr/share/keyrings/debian-archive-keyring.gpg" "$kt/out/" 2>/dev/null || fail_fetch "$kt" "the debian-archive-keyring package has no usr/share/keyrings/debian-archive-keyring.gpg"
  ls "$kt"/debs/*.deb | sed 's#.*/##' > "$kt/out/.complete"
  install_dir "$kt/out" "$CACHE/debian-keyring" || fail_fetch "$kt" "could not install $CACHE/debian-keyring"
  rm -rf "$kt"
  printf '%s\n' "$keyring"
}

# Fetch Debian trixie packages ($2…) into work folder $1 and unpack them into $1/root, through a
# private sources list naming the system's own mirror and a private index verified by the keyring.
trixie_fetch() {
  tf=$1; shift
  keyring=$(debian_keyring) || { rm -rf "$tf"; exit 1; }
  printf 'deb [signed-by=%s] %s trixie main\n' "$keyring" "$(debian_mirror)" > "$tf/sources.list"
  apt_private "$tf" "$tf/sources.list" -qq update >>"$tf/apt.log" 2>&1 || fail_fetch "$tf" "apt-get update of the trixie index failed (see above)"
  (cd "$tf/debs" && apt_private "$tf" "$tf/sources.list" -qq download "$@") >>"$tf/apt.log" 2>&1 || fail_fetch "$tf" "apt-get download $* failed (see above)"
  for deb in "$tf"/debs/*.deb; do dpkg-deb -x "$deb" "$tf/root"; done
}

# Fetch and unpack the trixie runtime (and trixie's patchelf, run through it) into $COMPAT_DIR once.
provision_compat() {
  if [ -e "$COMPAT_DIR/.complete" ]; then remove_stale; return 0; fi
  for tool in apt-get dpkg-deb; do
    command -v "$tool" >/dev/null 2>&1 || die "this system's libstdc++ lacks GLIBCXX_3.4.32 (needed by TorchSharp); '$tool' is required to fetch a compatible runtime without root. Use the devcontainer on this system."
  done
  tmp=$(new_tmp compat)
  say "this system's libstdc++ lacks GLIBCXX_3.4.32 (TorchSharp needs it): fetching Debian trixie's $COMPAT_PACKAGES once into $COMPAT_DIR"
  trixie_fetch "$tmp" $COMPAT_PACKAGES
  mkdir -p "$tmp/lib"
  # trixie is merged-/usr: everything lives in usr/lib/x86_64-linux-gnu.
  cp -a "$tmp/root/usr/lib/x86_64-linux-gnu/." "$tmp/lib/"
  cp "$tmp/root/usr/bin/patchelf" "$tmp/lib/patchelf" 2>/dev/null || fail_fetch "$tmp" "the trixie patchelf package has no usr/bin/patchelf"
  [ -e "$tmp/lib/ld-linux-x86-64.so.2" ] || fail_fetch "$tmp" "the trixie libc6 package has no ld-linux-x86-64.so.2"
  grep -q 'GLIBCXX_3\.4\.32' "$tmp/lib/libstdc++.so.6" || fail_fetch "$tmp" "the downloaded libstdc++ still lacks GLIBCXX_3.4.32"
  ls "$tmp"/debs/*.deb | sed 's#.*/##' > "$tmp/lib/.complete"
  install_dir "$tmp/lib" "$COMPAT_DIR" || fail_fetch "$tmp" "could not install $COMPAT_DIR"
  rm -rf "$tmp"
}

# A runtime fetched before patchelf was part of it: add trixie's patchelf (only when the system
# has none on PATH).
provision_patchelf() {
  tmp=$(new_tmp patchelf)
  say "'patchelf' is not installed: fetching Debian trixie's patchelf once into $COMPAT_DIR"
  trixie_fetch "$tmp" patchelf
  cp "$tmp/root/usr/bin/patchelf" "$COMPAT_DIR/patchelf.tmp.$$" || fail_fetch "$tmp" "the trixie patchelf package has no usr/bin/patchelf"
  mv -f "$COMPAT_DIR/patchelf.tmp.$$" "$COMPAT_DIR/patchelf"
  rm -rf "$tmp"
}

# Run patchelf: the system's when it is on PATH, else the cache's trixie copy through the cache's
# loader (trixie's patchelf links trixie's libstdc++ and glibc, which the system may not have).
run_patchelf() {
  if command -v patchelf >/dev/null 2>&1; then patchelf "$@"; return; fi
  [ -x "$COMPAT_DIR/patchelf" ] || provision_patchelf
  "$COMPAT_DIR/ld-linux-x86-64.so.2" --library-path "$COMPAT_DIR" "$COMPAT_DIR/patchelf" "$@"
}

# The full Fashion-MNIST set (about 30 MB), fetched once into $DATA_DIR — the cache folder the
# course library searches — from Debian's dataset-fashion-mnist package where the system has apt.
# Nothing happens when COURSE_DATA is set or the system already has the package's folder. The
# library verifies every file by the SHA-256 of its decompressed content when it reads it;
# without apt it downloads the upstream files itself (FashionMnist.Load). Never fatal: full mode
# falls back to the shipped subset and says so.
provision_data() {
  [ -z "${COURSE_DATA:-}" ] || return 0
  has_dataset "${COURSE_SYSTEM_DATA:-/usr/share/datasets/fashion-mnist}" && return 0
  has_dataset "$DATA_DIR" && return 0
  command -v apt-get >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1 || return 0
  say "fetching Debian's dataset-fashion-mnist package (the full Fashion-MNIST set, about 30 MB) once into $DATA_DIR"
  dt=$(new_tmp data)
  if ! system_download "$dt" dataset-fashion-mnist; then
    cat "$dt/apt.log" >&2; rm -rf "$dt"
    say "warning: could not fetch dataset-fashion-mnist (see above); full mode uses the shipped subset"
    return 0
  fi
  for deb in "$dt"/debs/*.deb; do dpkg-deb -x "$deb" "$dt/root"; done
  has_dataset "$dt/root/usr/share/datasets/fashion-mnist" || { rm -rf "$dt"; say "warning: the dataset-fashion-mnist package lacks some files; full mode uses the shipped subset"; return 0; }
  mkdir -p "$DATA_DIR"
  for f in $DATA_FILES; do mv -f "$dt/root/usr/share/datasets/fashion-mnist/$f.gz" "$DATA_DIR/$f.gz"; done
  rm -rf "$dt"
}

# Exit status 0 when folder $1 holds the four Fashion-MNIST files (gzip as Debian ships them).
has_dataset() {
  for f in $DATA_FILES; do [ -f "$1/$f.gz" ] || return 1; done
}

# Print the program to start for a built apphost: the apphost itself, or a copy of it whose
# interpreter and RPATH point at the compatibility runtime (the original stays untouched, so
# `dotnet build` keeps working and the copy is refreshed whenever the apphost changes).
launcher_for() {
  apphost=$1
  [ -x "$apphost" ] || die "$apphost is missing: run ./course build"
  if ! needs_compat; then printf '%s\n' "$apphost"; return; fi
  provision_compat
  compat="$apphost.compat"
  if [ ! -e "$compat" ] || [ "$apphost" -nt "$compat" ] || [ "$COMPAT_DIR/.complete" -nt "$compat" ]; then
    cp "$apphost" "$compat.tmp.$$"
    run_patchelf --set-interpreter "$COMPAT_DIR/ld-linux-x86-64.so.2" --force-rpath --set-rpath "$COMPAT_DIR" "$compat.tmp.$$"
    mv -f "$compat.tmp.$$" "$compat"
  fi
  printf '%s\n' "$compat"
}

#!/usr/bin/env bash
# Installs what building and testing Studio Partner needs on Debian or
# Ubuntu, and only what is missing: the C toolchain and headers for Fyne
# (cgo, OpenGL, X11, Wayland) and, for the tests, a virtual display, a
# session bus, the PDF tools and PostgreSQL (the tests start a throwaway
# server of their own; the package's own server is not used) and xmllint (the
# direct debit files are checked against the banks' schema). With "package" also what building and
# trying the Windows programs needs: the MinGW cross compiler, Wine, NSIS,
# 7-Zip and the signing tools.
set -euo pipefail

packages=(gcc pkg-config libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev
  xvfb xauth dbus-x11 poppler-utils qpdf xdotool postgresql libxml2-utils)
if [ "${1:-}" = package ]; then
  packages+=(gcc-mingw-w64-x86-64 wine wine64 nsis p7zip-full osslsigncode openssl xz-utils)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null; then
      sudo="sudo"
    else
      echo "install-deps: please install as root: apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v go >/dev/null; then
  echo "install-deps: Go is missing; install Go 1.26 or newer (https://go.dev/dl/) and run again; make then fetches Go 1.27.3 itself" >&2
  exit 1
fi
go mod download

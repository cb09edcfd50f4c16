#!/usr/bin/env bash
# Installs the Debian packages actforge needs, if any are missing.
# Usage: scripts/deps.sh [build|demo|test|bench|fuzz]
#   build: compiler, CMake, Ninja and the libraries (Open MPI for mpirun campaigns included;
#          GCC brings the sanitizer runtimes)
#   demo:  build + the Fashion-MNIST data set and the digits CSV (python3-sklearn)
#   test:  build + the data set, the tools the export tests drive (SymPy, PyTorch)
#          and chromium (with a font for its screenshots), the browser the report
#          test opens the report in
#   bench: test (PyTorch is the peer of the training benchmark)
#   fuzz:  build + clang and its libFuzzer and sanitizer runtimes (fuzz targets, TSan build)
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -euo pipefail
level="${1:-build}"
packages=(g++ cmake ninja-build libeigen3-dev libtbb-dev libboost-program-options-dev libfmt-dev doctest-dev
          zlib1g-dev nlohmann-json3-dev libopenmpi-dev openmpi-bin)
if [[ "$level" == demo ]]; then
    packages+=(dataset-fashion-mnist python3-sklearn) # python3-sklearn ships the 8x8 digits CSV
fi
if [[ "$level" == test || "$level" == bench ]]; then
    packages+=(dataset-fashion-mnist python3 python3-sympy python3-torch chromium fonts-liberation)
fi
if [[ "$level" == fuzz ]]; then
    packages+=(clang libclang-rt-14-dev)
fi
missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then missing+=("$p"); fi
done
if [[ ${#missing[@]} -eq 0 ]]; then exit 0; fi
if [[ "$(id -u)" -eq 0 ]]; then
    echo "installing: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "actforge needs these Debian packages; install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi

# Installs the Debian 12 packages the build and the tests need; a fast no-op when all are present.
# Sourced by scripts/demo and scripts/test.

MQ_PACKAGES=(
  build-essential cmake pkg-config
  libpaho-mqtt-dev libcli11-dev libfmt-dev nlohmann-json3-dev doctest-dev libexpected-dev libssl-dev
  mosquitto mosquitto-clients openssl jq groff-base man-db bash zsh fish time strace python3
  valgrind
  clang libclang-rt-14-dev llvm
)

mq_install_dependencies() {
  local missing=()
  local package
  for package in "${MQ_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    return 0
  fi
  echo "==> installing: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
      echo "error: need root or sudo to install: ${missing[*]}" >&2
      return 1
    fi
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

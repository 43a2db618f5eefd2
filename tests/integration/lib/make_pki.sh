#!/usr/bin/env bash
# Makes the test PKI in DIR: a CA, server certificates (right and wrong host name), a client certificate,
# an expired client certificate and an unrelated CA. Runs once per ctest run (fixture integration.pki);
# a second run finds the stamp and does nothing, so it stays fast and idempotent.
# EC P-256 keys: generating them takes milliseconds, where RSA would take seconds.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: make_pki.sh DIR" >&2
  exit 1
fi
pki_dir=$1
stamp="$pki_dir/.complete"
# Bump when the set of files changes, so an old build directory gets the new files.
pki_version=1

if [[ -f "$stamp" && "$(cat "$stamp")" == "$pki_version" ]]; then
  exit 0
fi

mkdir -p "$pki_dir"
work=$(mktemp -d "$pki_dir/.work.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

new_key() {  # name
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2> /dev/null
  chmod 600 "$1.key"
}

new_ca() {  # name common-name
  new_key "$1"
  openssl req -new -x509 -key "$1.key" -out "$1.crt" -days 3650 -subj "/O=mq tests/CN=$2" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
}

# Signs name.csr with the test CA; extensions come from name.ext. openssl x509 cannot back-date a
# certificate, so the expired one goes through `openssl ca`, which accepts explicit dates.
sign() {  # name days
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$1.crt" -days "$2" \
    -extfile "$1.ext" 2> /dev/null
}

new_leaf() {  # name common-name extensions
  new_key "$1"
  openssl req -new -key "$1.key" -out "$1.csr" -subj "/O=mq tests/CN=$2"
  printf '%s\n' "$3" > "$1.ext"
}

server_ext=$'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth'
client_ext=$'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth'

new_ca ca "mq test CA"
new_ca other-ca "mq unrelated CA"

new_leaf server localhost "$server_ext"$'\nsubjectAltName=DNS:localhost,IP:127.0.0.1'
sign server 3650
new_leaf wrongname other.example "$server_ext"$'\nsubjectAltName=DNS:other.example'
sign wrongname 3650
new_leaf client mq-test-client "$client_ext"
sign client 3650

new_leaf expired-client mq-expired-client "$client_ext"
mkdir ca-db
touch ca-db/index.txt
cat > ca-db/ca.cnf << EOF
[ca]
default_ca = test_ca
[test_ca]
database = $work/ca-db/index.txt
new_certs_dir = $work/ca-db
serial = $work/ca-db/serial
default_md = sha256
policy = any_policy
[any_policy]
commonName = supplied
EOF
echo 01 > ca-db/serial
openssl ca -batch -config ca-db/ca.cnf -cert ca.crt -keyfile ca.key -in expired-client.csr \
  -out expired-client.crt -startdate 20200101000000Z -enddate 20200102000000Z -extfile expired-client.ext \
  -notext 2> /dev/null

for name in ca other-ca server wrongname client expired-client; do
  chmod 644 "$name.crt"
  mv -f "$name.crt" "$name.key" "$pki_dir/"
done
echo "$pki_version" > "$stamp"

#!/bin/sh
# Development TLS material for the Kafka broker, with keytool only (it ships in every JDK and in the Temurin JRE of
# the apache/kafka image; that image has no openssl). Usage: make-certs.sh OUT_DIR
# Writes into OUT_DIR, unless kafka.keystore.p12 is already there (then it does nothing):
#   ca.p12 ca.password            the development CA (its key signs the broker certificate; keep it in OUT_DIR)
#   ca.crt                        the CA certificate (PEM), for clients that take PEM
#   kafka.keystore.p12 kafka.keystore.password   the broker key and chain, SANs kafka, localhost, 127.0.0.1
#   client.truststore.p12 client.truststore.password   the CA certificate, for clients (PKCS12)
# Passwords are random hex (from /dev/urandom), one per file, never printed.
set -eu

if [ "$#" -ne 1 ]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi
out=$1
if [ -f "$out/kafka.keystore.p12" ]; then
  echo "make-certs: $out/kafka.keystore.p12 exists, nothing to do"
  exit 0
fi
command -v keytool >/dev/null || { echo "make-certs: keytool not found (it comes with a JDK or JRE)" >&2; exit 1; }

umask 077
mkdir -p "$out"
work=$(mktemp -d "$out/.make-certs.XXXXXX")
trap 'rm -rf "$work"' EXIT

password() {
  od -An -tx1 -N24 /dev/urandom | tr -d ' \n' > "$1"
}

days=825
password "$work/ca.password"
password "$work/kafka.keystore.password"
password "$work/client.truststore.password"

keytool -genkeypair -noprompt -alias vitalink-dev-ca -keyalg RSA -keysize 3072 -validity "$days" \
  -dname "CN=Vitalink development CA" -ext bc:c -ext ku:c=keyCertSign,cRLSign \
  -storetype PKCS12 -keystore "$work/ca.p12" -storepass:file "$work/ca.password"
keytool -exportcert -rfc -alias vitalink-dev-ca -keystore "$work/ca.p12" -storepass:file "$work/ca.password" \
  -file "$work/ca.crt"

# the broker is reached as kafka inside the compose network and as localhost from the host and from tests
san=dns:kafka,dns:localhost,ip:127.0.0.1
keytool -genkeypair -noprompt -alias kafka -keyalg RSA -keysize 2048 -validity "$days" -dname "CN=kafka" \
  -ext "san=$san" -storetype PKCS12 -keystore "$work/kafka.keystore.p12" \
  -storepass:file "$work/kafka.keystore.password"
keytool -certreq -alias kafka -keystore "$work/kafka.keystore.p12" -storepass:file "$work/kafka.keystore.password" \
  -file "$work/kafka.csr"
keytool -gencert -rfc -alias vitalink-dev-ca -keystore "$work/ca.p12" -storepass:file "$work/ca.password" \
  -validity "$days" -ext "san=$san" -ext ku:c=digitalSignature,keyEncipherment -ext eku=serverAuth \
  -infile "$work/kafka.csr" -outfile "$work/kafka.crt"
# the signed certificate replaces the self-signed one once the keystore trusts its issuer
keytool -importcert -noprompt -alias vitalink-dev-ca -file "$work/ca.crt" -keystore "$work/kafka.keystore.p12" \
  -storepass:file "$work/kafka.keystore.password"
keytool -importcert -noprompt -alias kafka -file "$work/kafka.crt" -keystore "$work/kafka.keystore.p12" \
  -storepass:file "$work/kafka.keystore.password"

keytool -importcert -noprompt -alias vitalink-dev-ca -file "$work/ca.crt" -storetype PKCS12 \
  -keystore "$work/client.truststore.p12" -storepass:file "$work/client.truststore.password"

# the keystore last: its presence says the set is complete
for f in ca.p12 ca.password ca.crt client.truststore.p12 client.truststore.password kafka.keystore.password \
         kafka.keystore.p12; do
  mv "$work/$f" "$out/$f"
done
# public: the CA certificate and the truststore (its password only guards integrity)
chmod 644 "$out/ca.crt" "$out/client.truststore.p12"
echo "make-certs: wrote a development CA, kafka.keystore.p12 and client.truststore.p12 to $out"

#!/bin/sh
# One-shot of the compose stack (service kafka-certs, apache/kafka image, as root): the broker's TLS material and the
# SASL/PLAIN users, each made once and kept in the volumes. Usage: init-compose.sh BROKER_DIR CLIENT_DIR
#   BROKER_DIR (volume kafka-secrets, broker only, /etc/kafka/secrets): make-certs.sh's files, the broker JAAS file
#              with the users, and admin.properties for tools run inside the kafka container
#   CLIENT_DIR (volume kafka-client, the Vitalink services, /etc/vitalink/kafka): client.properties, the truststore,
#              its password and the service user's password; client.properties names the password files only
# PLAIN, not SCRAM: the image formats its storage itself, without SCRAM credentials. Over TLS the password is never
# in clear on the wire; the broker compares it with the JAAS file.
set -eu

if [ "$#" -ne 2 ]; then
  echo "usage: $0 BROKER_DIR CLIENT_DIR" >&2
  exit 2
fi
broker=$1
client=$2
here=$(dirname "$0")
umask 077

sh "$here/make-certs.sh" "$broker"
mkdir -p "$client"

secret() {
  [ -f "$1" ] || od -An -tx1 -N24 /dev/urandom | tr -d ' \n' > "$1"
}
secret "$broker/broker-user.password"
secret "$client/kafka-password"
broker_password=$(cat "$broker/broker-user.password")
service_password=$(cat "$client/kafka-password")
truststore_password=$(cat "$broker/client.truststore.password")

# rewritten each run from the password files, so they always agree
cat > "$broker/kafka_server_jaas.conf" <<JAAS
KafkaServer {
  org.apache.kafka.common.security.plain.PlainLoginModule required
  username="broker" password="$broker_password"
  user_broker="$broker_password"
  user_vitalink="$service_password";
};
JAAS

cat > "$broker/admin.properties" <<PROPS
# for Kafka's tools inside the kafka container: --command-config /etc/kafka/secrets/admin.properties
security.protocol=SASL_SSL
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="broker" password="$broker_password";
ssl.truststore.type=PKCS12
ssl.truststore.location=/etc/kafka/secrets/client.truststore.p12
ssl.truststore.password=$truststore_password
PROPS

cp "$broker/client.truststore.p12" "$broker/client.truststore.password" "$client/"
cat > "$client/client.properties" <<'PROPS'
# VITALINK_KAFKA_CONFIG_FILE / --kafka-config of the compose services; the passwords stay in their files
security.protocol=SASL_SSL
sasl.mechanism=PLAIN
config.providers=secrets
config.providers.secrets.class=org.apache.kafka.common.config.provider.DirectoryConfigProvider
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="vitalink" password="${secrets:/etc/vitalink/kafka:kafka-password}";
ssl.truststore.type=PKCS12
ssl.truststore.location=/etc/vitalink/kafka/client.truststore.p12
ssl.truststore.password=${secrets:/etc/vitalink/kafka:client.truststore.password}
PROPS

# the broker runs as the image's appuser (1000), the Vitalink images as 10001; nobody else reads these. As another
# user (ComposeStackTest runs this script) the files stay its own.
chmod 600 "$broker"/* "$client"/*
if [ "$(id -u)" -eq 0 ]; then
  chown -R 1000:1000 "$broker"
  chown -R 10001:10001 "$client"
fi
echo "kafka-certs: broker material in $broker, client settings in $client"

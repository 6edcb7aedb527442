#!/usr/bin/env bash
# Checks the deployment files with the tools reachable here (no Docker engine, no helm binary):
#   yamllint     docker/, helm/vitalink (values, Chart, ci values), the yamllint settings
#   ShellCheck   the repository's shell scripts
#   docker-compose 1.29 (Debian)  `config`: docker/compose.yaml against Compose's schema, interpolation, and
#                the refusal to start without VITALINK_JWT_SECRET / VITALINK_BOOTSTRAP_ADMIN_PASSWORD
#   promtool     docker/prometheus/prometheus.yml
#   dockerfile-utils (npm)  docker/*/Dockerfile: syntax and instruction arguments; any warning fails
# The Helm chart is linted, rendered and validated against the Kubernetes schemas by HelmChartTest in
# `./mvnw -B verify` (it uses this directory's npm packages too). .ci/run installs what this needs:
#   apt-get install yamllint shellcheck docker-compose prometheus; npm ci --prefix tools/deploy-check
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=()
for tool in yamllint shellcheck docker-compose promtool node; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "check.sh: not installed: ${missing[*]} (apt-get install yamllint shellcheck docker-compose prometheus nodejs)" >&2
  exit 1
fi
if [[ ! -d tools/deploy-check/node_modules/dockerfile-utils ]]; then
  echo "check.sh: npm packages missing: npm ci --prefix tools/deploy-check" >&2
  exit 1
fi

echo "== yamllint"
yamllint --strict docker helm/vitalink/values.yaml helm/vitalink/Chart.yaml helm/vitalink/ci .yamllint.yaml

echo "== shellcheck"
shellcheck run-local.sh bench-upload.sh evaluate-matching.sh bench/run.sh .ci/run tools/deploy-check/check.sh docker/kafka/make-certs.sh docker/kafka/init-compose.sh

echo "== docker-compose config"
VITALINK_JWT_SECRET=check-only-0123456789abcdefghijklmnopqrstuvwxyz VITALINK_BOOTSTRAP_ADMIN_PASSWORD=check-only-password \
  docker-compose --project-directory docker -f docker/compose.yaml config --quiet
if (unset VITALINK_JWT_SECRET VITALINK_BOOTSTRAP_ADMIN_PASSWORD
    docker-compose --project-directory docker -f docker/compose.yaml config --quiet 2>/dev/null); then
  echo "docker/compose.yaml: accepted without VITALINK_JWT_SECRET; it must refuse" >&2
  exit 1
fi
echo "docker/compose.yaml: valid; refused without the two secrets"

echo "== promtool check config"
promtool check config docker/prometheus/prometheus.yml

echo "== Dockerfile lint (dockerfile-utils)"
node tools/deploy-check/lint-dockerfiles.mjs docker/*/Dockerfile

echo "Deployment file checks passed."

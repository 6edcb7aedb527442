{{/* Release full name, at most 63 characters (a DNS label): release name, with the chart name unless it holds it. */}}
{{- define "vitalink.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "vitalink.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every object. */}}
{{- define "vitalink.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "vitalink.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: vitalink
{{- end -}}

{{/* Selector labels of one component: (dict "root" $ "component" "api-service") */}}
{{- define "vitalink.selectorLabels" -}}
app.kubernetes.io/name: {{ include "vitalink.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Image reference: (dict "root" $ "image" .Values.api.image) */}}
{{- define "vitalink.image" -}}
{{- $tag := default .root.Chart.AppVersion .root.Values.image.tag -}}
{{- if .root.Values.image.registry -}}
{{- printf "%s/%s:%s" (trimSuffix "/" .root.Values.image.registry) .image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .image.repository $tag -}}
{{- end -}}
{{- end -}}

{{- define "vitalink.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "vitalink.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret holding keysets and the JWT secret. */}}
{{- define "vitalink.secretName" -}}
{{- default (printf "%s-secrets" (include "vitalink.fullname" .)) .Values.secrets.existingSecret -}}
{{- end -}}

{{/* The Secret holding the Kafka client properties file. */}}
{{- define "vitalink.kafkaSecretName" -}}
{{- default (printf "%s-kafka-client" (include "vitalink.fullname" .)) .Values.kafka.security.existingSecret -}}
{{- end -}}

{{- define "vitalink.configName" -}}
{{- printf "%s-config" (include "vitalink.fullname" .) -}}
{{- end -}}

{{- define "vitalink.api.fullname" -}}
{{- printf "%s-api" (include "vitalink.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "vitalink.matchStreams.fullname" -}}
{{- printf "%s-match-streams" (include "vitalink.fullname" .) | trunc 52 | trimSuffix "-" -}}
{{- end -}}

{{- define "vitalink.matchStreams.headless" -}}
{{- printf "%s-headless" (include "vitalink.matchStreams.fullname" .) -}}
{{- end -}}

{{/* Fixed paths inside the images (the Dockerfiles under docker/). */}}
{{- define "vitalink.keysDir" -}}/etc/vitalink/keys{{- end -}}
{{- define "vitalink.kafkaDir" -}}/etc/vitalink/kafka{{- end -}}

{{/* Volumes every Vitalink pod mounts: keysets, /tmp, and the Kafka client security files when enabled. */}}
{{- define "vitalink.commonVolumes" -}}
- name: keysets
  secret:
    secretName: {{ include "vitalink.secretName" . }}
    defaultMode: 0440
    items:
      - key: id-keyset.json
        path: id-keyset.json
      - key: field-keyset.json
        path: field-keyset.json
- name: tmp
  emptyDir:
    sizeLimit: 1Gi
{{- if .Values.kafka.security.enabled }}
- name: kafka-client
  secret:
    secretName: {{ include "vitalink.kafkaSecretName" . }}
    defaultMode: 0440
{{- end }}
{{- end -}}

{{- define "vitalink.commonVolumeMounts" -}}
- name: keysets
  mountPath: {{ include "vitalink.keysDir" . }}
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- if .Values.kafka.security.enabled }}
- name: kafka-client
  mountPath: {{ include "vitalink.kafkaDir" . }}
  readOnly: true
{{- end }}
{{- end -}}

{{/* Checksum of the configuration, so that a change rolls the pods. */}}
{{- define "vitalink.configChecksum" -}}
{{- $config := include (print .Template.BasePath "/configmap.yaml") . -}}
{{- $secret := include (print .Template.BasePath "/secret.yaml") . -}}
{{- printf "%s%s" $config $secret | sha256sum -}}
{{- end -}}

{{/* Render-time checks of values the schema cannot express. */}}
{{- define "vitalink.validate" -}}
{{- if and .Values.matchStreams.persistence.enabled (not .Values.matchStreams.persistence.size) -}}
{{- fail "matchStreams.persistence.enabled needs matchStreams.persistence.size (RocksDB state per pod, e.g. 20Gi)" -}}
{{- end -}}
{{- with .Values.kafka.security -}}
{{- if and .enabled .existingSecret .clientProperties -}}
{{- fail "kafka.security.existingSecret and kafka.security.clientProperties exclude each other" -}}
{{- end -}}
{{- if and .enabled .clientProperties (not (regexMatch "(?m)^[ \\t]*security\\.protocol[ \\t]*[=:][ \\t]*(SASL_SSL|SSL)[ \\t]*$" .clientProperties)) -}}
{{- fail "kafka.security.clientProperties must set security.protocol=SASL_SSL (or SSL): Kafka carries every patient record" -}}
{{- end -}}
{{- end -}}
{{- if .Values.api.ingress.enabled -}}
{{- if not .Values.api.ingress.tls -}}
{{- fail "api.ingress.enabled needs api.ingress.tls: the ingress would take logins and patient records over plain HTTP" -}}
{{- end -}}
{{- if not .Values.api.security.trustedProxies -}}
{{- fail "api.ingress.enabled needs api.security.trustedProxies (the ingress controller's pods): otherwise every client is the ingress's address to the allow-list and the login throttle" -}}
{{- end -}}
{{- end -}}
{{- range (splitList "," .Values.api.security.trustedProxies) -}}
{{- if has (trim .) (list "0.0.0.0/0" "::/0" "0/0") -}}
{{- fail "api.security.trustedProxies must not hold 0.0.0.0/0 or ::/0: anyone could then claim any client address" -}}
{{- end -}}
{{- end -}}
{{- if and .Values.secrets.create .Values.secrets.existingSecret -}}
{{- fail "secrets.create and secrets.existingSecret exclude each other" -}}
{{- end -}}
{{- if .Values.loader.enabled -}}
{{- if not .Values.loader.batchLabel -}}
{{- fail "loader.enabled needs loader.batchLabel (written on every record; it also names the Job)" -}}
{{- end -}}
{{- if not (regexMatch "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" .Values.loader.batchLabel) -}}
{{- fail "loader.batchLabel must be lower-case letters, digits and '-' (it names the Job)" -}}
{{- end -}}
{{- if not .Values.loader.input.existingClaim -}}
{{- fail "loader.enabled needs loader.input.existingClaim (the PVC holding the export)" -}}
{{- end -}}
{{- if and (not .Values.loader.input.file) (not .Values.loader.input.deleteFile) -}}
{{- fail "loader.enabled needs loader.input.file, loader.input.deleteFile or both" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The chart's name, or nameOverride. */}}
{{- define "muninn.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's object name: fullnameOverride, the release name if it contains the chart name, else both. */}}
{{- define "muninn.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "muninn.selectorLabels" -}}
app.kubernetes.io/name: {{ include "muninn.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "muninn.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "muninn.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "muninn.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "muninn.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "muninn.secretName" -}}
{{- default (include "muninn.fullname" .) .Values.credentials.existingSecret }}
{{- end }}

{{/* "true" when the store is PostgreSQL (config.store.dsn or dsnFile), else empty. */}}
{{- define "muninn.postgres" -}}
{{- if or (dig "store" "dsn" "" .Values.config) (dig "store" "dsnFile" "" .Values.config) }}true{{ end }}
{{- end }}

{{/* "true" when the SQLite file lives on the chart's (or an existing) PersistentVolumeClaim. */}}
{{- define "muninn.persistent" -}}
{{- if and .Values.persistence.enabled (not (include "muninn.postgres" .)) }}true{{ end }}
{{- end }}

{{/* "true" when the dashboard (and so /healthz, /readyz, /metrics) is served. */}}
{{- define "muninn.dashboard" -}}
{{- if ne (toString (dig "dashboard" "enabled" true .Values.config)) "false" }}true{{ end }}
{{- end }}

{{/* The dashboard's port, from config.dashboard.listen (host:port). */}}
{{- define "muninn.port" -}}
{{- last (splitList ":" (dig "dashboard" "listen" "127.0.0.1:8080" .Values.config)) }}
{{- end }}

{{/* Refuses values that cannot work, before anything is applied. */}}
{{- define "muninn.validate" -}}
{{- if and (gt (int .Values.replicaCount) 1) (not (include "muninn.postgres" .)) }}
{{- fail "replicaCount > 1 needs the PostgreSQL store: set config.store.dsnFile (e.g. /etc/muninn/secrets/postgres-dsn, a key of the credentials Secret). Replicas cannot share a SQLite file; they elect a leader and share PostgreSQL." }}
{{- end }}
{{- if include "muninn.dashboard" . }}
{{- $listen := dig "dashboard" "listen" "127.0.0.1:8080" .Values.config }}
{{- if or (contains "127.0.0." $listen) (contains "localhost:" $listen) (contains "[::1]:" $listen) }}
{{- fail (printf "config.dashboard.listen is %s, a loopback address: in a pod the kubelet's probes and the Service reach the pod's IP. Listen on 0.0.0.0 with dashboard.auth, or set config.dashboard.enabled: false." $listen) }}
{{- end }}
{{- end }}
{{- end }}

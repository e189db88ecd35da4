{{- define "sluice.name" -}}sluice{{- end -}}

{{- define "sluice.fullname" -}}
{{- if contains "sluice" .Release.Name -}}{{ .Release.Name | trunc 63 | trimSuffix "-" }}{{- else -}}{{ printf "%s-sluice" .Release.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "sluice.labels" -}}
app.kubernetes.io/name: sluice
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "sluice.selectorLabels" -}}
app.kubernetes.io/name: sluice
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "sluice.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag -}}
{{- if eq .Values.image.flavor "native" -}}{{ printf "%s:%s-native" .Values.image.repository $tag }}{{- else -}}{{ printf "%s:%s" .Values.image.repository $tag }}{{- end -}}
{{- end -}}

{{- /* The native executable's minimum heap in MiB: image.nativeMinHeapPercent of resources.limits.memory
     (a Kubernetes quantity); empty for the JVM flavor, without a memory limit, or at 0 %. */ -}}
{{- define "sluice.nativeMinHeapMiB" -}}
{{- $limit := toString (((.Values.resources | default dict).limits | default dict).memory | default "") -}}
{{- $percent := int (.Values.image.nativeMinHeapPercent | default 0) -}}
{{- if and (eq .Values.image.flavor "native") $limit (gt $percent 0) -}}
{{- $number := regexFind "^[0-9]+" $limit -}}
{{- $unit := trimPrefix $number $limit -}}
{{- $bytesPer := dict "" 1 "k" 1000 "M" 1000000 "G" 1000000000 "T" 1000000000000 "Ki" 1024 "Mi" 1048576 "Gi" 1073741824 "Ti" 1099511627776 -}}
{{- if or (not $number) (not (hasKey $bytesPer $unit)) -}}
{{- fail (printf "resources.limits.memory %q: the native flavor's minimum heap (image.nativeMinHeapPercent) needs a whole number of bytes, k, M, G, T, Ki, Mi, Gi or Ti; set the percentage to 0 to pass none" $limit) -}}
{{- end -}}
{{- $mib := div (mul (int64 $number) (get $bytesPer $unit) $percent) 104857600 -}}
{{- if gt $mib 0 }}{{ $mib }}{{ end -}}
{{- end -}}
{{- end -}}

{{- define "sluice.saslEnabled" -}}{{ if hasPrefix "SASL" .Values.kafka.securityProtocol }}true{{ end }}{{- end -}}
{{- define "sluice.tlsEnabled" -}}{{ if or (eq .Values.kafka.securityProtocol "SSL") (eq .Values.kafka.securityProtocol "SASL_SSL") }}true{{ end }}{{- end -}}

{{/* KEDA's name for the SASL mechanism: its scaler accepts only plaintext, scram_sha256, scram_sha512, gssapi, oauthbearer. */}}
{{- define "sluice.kedaSasl" -}}
{{- $names := dict "PLAIN" "plaintext" "SCRAM-SHA-256" "scram_sha256" "SCRAM-SHA-512" "scram_sha512" "GSSAPI" "gssapi" "OAUTHBEARER" "oauthbearer" -}}
{{- required (printf "kafka.sasl.mechanism %s has no KEDA equivalent" .Values.kafka.sasl.mechanism) (get $names .Values.kafka.sasl.mechanism) -}}
{{- end -}}

{{- define "sluice.mutualTls" -}}{{ if and (include "sluice.tlsEnabled" .) .Values.kafka.tls.certKey .Values.kafka.tls.keyKey }}true{{ end }}{{- end -}}

{{/* The distinct ports of kafka.bootstrapServers (host:port,host:port), plus extraKafkaPorts. */}}
{{- define "sluice.kafkaPorts" -}}
{{- $ports := list -}}
{{- range (splitList "," .Values.kafka.bootstrapServers) -}}
{{- $parts := splitList ":" (trim .) -}}
{{- $port := last $parts | int -}}
{{- if or (lt (len $parts) 2) (lt $port 1) (gt $port 65535) -}}
{{- fail (printf "kafka.bootstrapServers: %q is not host:port (port 1-65535)" (trim .)) -}}
{{- end -}}
{{- $ports = append $ports $port -}}
{{- end -}}
{{- range .Values.networkPolicy.extraKafkaPorts -}}
{{- $ports = append $ports (. | int) -}}
{{- end -}}
{{- $ports | uniq | toJson -}}
{{- end -}}

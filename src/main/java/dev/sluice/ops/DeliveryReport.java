package dev.sluice.ops;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code GET /api/delivery}: the delivery mode, and in exactly-once mode the transactional ids and
 * how transactions went since start.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryReport(String mode, String commitInterval, List<String> transactionalIds, Long transactionsCommitted,
        Long transactionsAborted, Double meanCommitMillis) {
}

package dev.sluice.deploy;

/**
 * KEDA 2.20's Kafka scaler and the HPA it drives, as ../shared/docs/keda-kafka-scaler.md states
 * them: per-partition lag summed, capped at partitions x lagThreshold unless idle consumers are
 * allowed, then ceil(lag / threshold) with the HPA's 10% tolerance, clamped to [min, max].
 */
record KafkaLagScaling(int lagThreshold, int activationLagThreshold, boolean allowIdleConsumers, boolean limitToPartitionsWithLag,
        int minReplicas, int maxReplicas) {

    int desiredReplicas(long[] lagPerPartition, int currentReplicas) {
        long total = 0;
        int withLag = 0;
        for (long lag : lagPerPartition) {
            total += lag;
            if (lag > 0) {
                withLag++;
            }
        }
        if (total <= activationLagThreshold) {
            return minReplicas == 0 ? 0 : Math.max(minReplicas, Math.min(currentReplicas, maxReplicas));
        }
        if (!allowIdleConsumers) {
            int bound = limitToPartitionsWithLag ? withLag : lagPerPartition.length;
            if (total / lagThreshold > bound) {
                total = (long) bound * lagThreshold;
            }
        }
        int floor = Math.max(minReplicas, 1);
        if (currentReplicas == 0) {
            return floor; // 0 -> N: KEDA activates to max(min, 1); the HPA takes over from there.
        }
        double ratio = total / ((double) lagThreshold * currentReplicas);
        int desired = Math.abs(ratio - 1) <= 0.1 ? currentReplicas : (int) Math.ceil(total / (double) lagThreshold);
        return Math.max(floor, Math.min(desired, maxReplicas));
    }
}

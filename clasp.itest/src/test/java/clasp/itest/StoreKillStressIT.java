package clasp.itest;

/**
 * The kill campaign: {@link StoreKillIT} with 20 kills in default mode and 5 in durable mode (scripts/stress.sh),
 * where the default suite does 6 and 2.
 */
class StoreKillStressIT extends StoreKillIT {
    @Override
    int kills() { return 20; }

    @Override
    int durableKills() { return 5; }
}

package io.millrace.streams.limit;

import io.millrace.log.MetadataStore;
import io.millrace.log.SharedMetadata;
import io.millrace.protocol.error.ApiException;
import io.millrace.streams.stream.SharedEntries;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Limits that count many metadata entries of an account and region (consumers in CREATING, channels, streams in
 * CREATING, open shards, ON_DEMAND streams), decided so that they hold across gateways sharing a metadata store.
 *
 * <p>Why a ledger: each resource is an entry of its own, so a check against this gateway's view and the write of the
 * new entry are two steps, and two gateways could both pass the check. Here the check and a <em>reservation</em> are
 * one compare-and-set of one entry per account, region and ledger, {@value #KEY_PREFIX}{@code <ledger>/<account>/
 * <region>}, recomputed on the newer ledger whenever another gateway changed it first. What a limit counts is the
 * union, by resource id, of this gateway's view and the live reservations, each id counted at the larger of its
 * units; a reservation therefore stands for its resource until the resource is visible everywhere and never counts
 * twice. The view is read after the ledger's version, so a resource whose reservation was released before that
 * version is in the view, and one released later makes the compare-and-set lose.
 *
 * <p>A reservation lives until its owner releases it (right after writing its resource, or on failure) or until its
 * expiry, by the deciding gateway's clock: a gateway that dies between the two steps holds its reservations at most
 * that long. A reservation for a consumer in CREATING lasts exactly as long as the CREATING state.
 *
 * <p>With a store of this process alone nothing is written: the callers' monitors already make check and write one
 * step, and {@link #reserve} only checks, against the view, exactly as before.
 *
 * <p>Thread safety: thread-safe; {@link #reserve} and the releases block for one metadata round trip on a shared
 * store (more only when they race another gateway), and never on a private one.
 */
public final class AccountReservations {
    /** How long a reservation of a change in flight counts at most, far longer than reserving-to-writing takes. */
    public static final long IN_FLIGHT_MS = 60_000;
    static final String KEY_PREFIX = "kinesis/reservations/";

    /**
     * One request's claim on one counted limit.
     *
     * @param limit   the limit's name in the ledger
     * @param id      the resource the units are counted for (a consumer or channel ARN, a stream's storage key)
     * @param units   what the resource will count once the request is done (1, or a stream's open shards)
     * @param untilMs when the reservation stops counting if nobody releases it
     * @param max     the limit
     * @param counted what the limit counts in this gateway's view, by resource id; read anew on every attempt
     * @param refusal the error when the request would exceed the limit, given the count before it
     */
    public record Demand(String limit, String id, long units, long untilMs, long max,
            Supplier<Map<String, Long>> counted, LongFunction<ApiException> refusal) {
    }

    /** A stored reservation; {@code owner} names the request that made it. */
    record Reservation(String limit, String id, String owner, long units, long untilMs) {
    }

    /** The stored ledger of one account and region. */
    record Ledger(List<Reservation> reservations) {
    }

    private final Clock clock;
    private final boolean isShared;
    /** {@code null} with a private store. */
    private final SharedEntries<Ledger> ledgers;

    /** The ledger named {@code ledger} (one per registry, so unrelated limits never contend). */
    public AccountReservations(MetadataStore store, Clock clock, String ledger) {
        this.clock = clock;
        this.isShared = store instanceof SharedMetadata;
        this.ledgers = isShared
                ? SharedEntries.ofJson(store, KEY_PREFIX + ledger + "/", Ledger.class) : null;
    }

    /** A fresh owner name for one request's reservations. */
    public static String newOwner() {
        return UUID.randomUUID().toString();
    }

    /**
     * Checks every demand in order and, with a shared store, reserves them all in one step; throws the first
     * demand's refusal that would exceed its limit, reserving nothing. A demand that adds nothing to its count is
     * never refused. Reservations {@code owner} made before are replaced (a change recomputed after a lost race
     * reserves anew).
     */
    public void reserve(String accountId, String region, String owner, List<Demand> demands) {
        long nowMs = clock.millis();
        if (!isShared) {
            check(demands, List.of());
            return;
        }
        ledgers.update(name(accountId, region), current -> {
            List<Reservation> live = live(current, nowMs, r -> !r.owner().equals(owner));
            check(demands, live);
            for (Demand demand : demands) {
                live.add(new Reservation(demand.limit(), demand.id(), owner, demand.units(), demand.untilMs()));
            }
            return new Ledger(live);
        });
    }

    /** Drops the reservations of {@code owner}: its request is done (its resources are visible) or failed. */
    public void release(String accountId, String region, String owner) {
        releaseWhere(accountId, region, r -> r.owner().equals(owner));
    }

    /** Drops the reservations of {@code limit} for {@code ids}, whoever made them: those resources are gone. */
    public void releaseIds(String accountId, String region, String limit, Collection<String> ids) {
        releaseWhere(accountId, region, r -> r.limit().equals(limit) && ids.contains(r.id()));
    }

    private void releaseWhere(String accountId, String region, Predicate<Reservation> released) {
        if (!isShared) {
            return;
        }
        String name = name(accountId, region);
        boolean isHeld = ledgers.get(name).map(l -> l.reservations().stream().anyMatch(released)).orElse(false);
        if (!isHeld) {
            return; // what this gateway has not heard of, it did not reserve: no round trip
        }
        long nowMs = clock.millis();
        ledgers.update(name, current -> {
            List<Reservation> kept = live(current, nowMs, released.negate());
            return kept.isEmpty() ? null : new Ledger(kept);
        });
    }

    /** The unexpired reservations of {@code ledger} that {@code kept} accepts, in a list the caller may change. */
    private static List<Reservation> live(Ledger ledger, long nowMs, Predicate<Reservation> kept) {
        List<Reservation> live = new ArrayList<>();
        if (ledger != null) {
            for (Reservation reservation : ledger.reservations()) {
                if (reservation.untilMs() > nowMs && kept.test(reservation)) {
                    live.add(reservation);
                }
            }
        }
        return live;
    }

    private static void check(List<Demand> demands, List<Reservation> live) {
        for (Demand demand : demands) {
            Map<String, Long> counted = new HashMap<>(demand.counted().get());
            for (Reservation reservation : live) {
                if (reservation.limit().equals(demand.limit())) {
                    counted.merge(reservation.id(), reservation.units(), Math::max);
                }
            }
            long total = counted.values().stream().mapToLong(Long::longValue).sum();
            long before = counted.getOrDefault(demand.id(), 0L);
            long after = total - before + Math.max(before, demand.units());
            if (after > total && after > demand.max()) {
                throw demand.refusal().apply(total);
            }
        }
    }

    private static String name(String accountId, String region) {
        return accountId + "/" + region;
    }
}

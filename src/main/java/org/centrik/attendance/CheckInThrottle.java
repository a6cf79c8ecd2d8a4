package org.centrik.attendance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import org.centrik.security.UserId;

/**
 * Limits check-in attempts per user and event with Bucket4j token buckets in this node's
 * memory (10 a minute by default), so that a six-digit code word cannot be guessed. Every
 * attempt takes a token, a retry of a queued check-in too; the least recently used
 * buckets are forgotten past a bound (a bucket untouched for a window is full anyway).
 */
class CheckInThrottle {

	private final AttendanceProperties.Limit limit;

	private final TimeMeter time;

	private final Map<String, Bucket> buckets;

	CheckInThrottle(AttendanceProperties properties, Clock clock) {
		this.limit = properties.checkIns();
		this.time = new ClockTime(clock);
		int bound = properties.tracked();
		this.buckets = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
				return size() > bound;
			}

		};
	}

	/**
	 * Takes one attempt of the user at the event.
	 * @return {@link Duration#ZERO} when allowed, otherwise how long to wait
	 */
	Duration attempt(UserId user, long eventId) {
		ConsumptionProbe probe = bucket(user.value() + ":" + eventId).tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
	}

	private synchronized Bucket bucket(String key) {
		return this.buckets.computeIfAbsent(key,
				(unused) -> Bucket.builder()
					.addLimit((bandwidth) -> bandwidth.capacity(this.limit.attempts())
						.refillGreedy(this.limit.attempts(), this.limit.window()))
					.withCustomTimePrecision(this.time)
					.build());
	}

	/** Bucket4j's time from the injected clock. */
	private record ClockTime(Clock clock) implements TimeMeter {

		@Override
		public long currentTimeNanos() {
			Instant now = this.clock.instant();
			return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}

	}

}

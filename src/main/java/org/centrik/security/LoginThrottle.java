package org.centrik.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * Limits failed logins per account and per client address with Bucket4j token buckets
 * held in this node's memory. An attempt takes one token from both buckets before the
 * password is checked, so that concurrent attempts cannot check more passwords than the
 * limit; a success gives its tokens back, a failure keeps them. An empty bucket makes
 * every attempt wait, the right password too, until it has refilled.
 */
class LoginThrottle {

	private final Buckets accounts;

	private final Buckets addresses;

	LoginThrottle(LoginProperties properties, Clock clock) {
		TimeMeter time = new ClockTime(clock);
		this.accounts = new Buckets(properties.account(), properties.tracked(), time);
		this.addresses = new Buckets(properties.address(), properties.tracked(), time);
	}

	/**
	 * Starts an attempt: either throttled, having taken nothing, or holding one token of
	 * the account and one of the address until it succeeds or fails.
	 * @param login the login as given, or {@code null}
	 * @param address the client address, or {@code null} when unknown (all unknown
	 * addresses then share one limit)
	 */
	LoginAttempt attempt(String login, String address) {
		Bucket account = this.accounts.of(accountKey(login));
		Bucket from = this.addresses.of((address != null) ? address.trim() : "");
		ConsumptionProbe byAccount = account.tryConsumeAndReturnRemaining(1);
		ConsumptionProbe byAddress = from.tryConsumeAndReturnRemaining(1);
		if (byAccount.isConsumed() && byAddress.isConsumed()) {
			return LoginAttempt.started(account, from);
		}
		long waitNanos = 0;
		if (byAccount.isConsumed()) {
			account.addTokens(1);
		}
		else {
			waitNanos = byAccount.getNanosToWaitForRefill();
		}
		if (byAddress.isConsumed()) {
			from.addTokens(1);
		}
		else {
			waitNanos = Math.max(waitNanos, byAddress.getNanosToWaitForRefill());
		}
		return LoginAttempt.throttled(Duration.ofNanos(waitNanos));
	}

	/** How many accounts and addresses this node keeps a throttle for. */
	int tracked() {
		return this.accounts.size() + this.addresses.size();
	}

	private static String accountKey(String login) {
		return (login != null) ? login.trim().toLowerCase(Locale.ROOT) : "";
	}

	/**
	 * The buckets of one kind of key, the least recently used forgotten past a bound: a
	 * bucket untouched for a whole window is full again, as good as none, so only a flood
	 * of more distinct keys than the bound within one window loses anything.
	 */
	private static final class Buckets {

		private final LoginProperties.Limit limit;

		private final TimeMeter time;

		private final Map<String, Bucket> buckets;

		Buckets(LoginProperties.Limit limit, int bound, TimeMeter time) {
			this.limit = limit;
			this.time = time;
			this.buckets = new LinkedHashMap<>(16, 0.75f, true) {

				@Override
				protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
					return size() > bound;
				}

			};
		}

		synchronized Bucket of(String key) {
			return this.buckets.computeIfAbsent(key,
					(unused) -> Bucket.builder()
						.addLimit((bandwidth) -> bandwidth.capacity(this.limit.failures())
							.refillGreedy(this.limit.failures(), this.limit.window()))
						.withCustomTimePrecision(this.time)
						.build());
		}

		synchronized int size() {
			return this.buckets.size();
		}

	}

	/** Bucket4j's time from the injected clock, so that tests can move it. */
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

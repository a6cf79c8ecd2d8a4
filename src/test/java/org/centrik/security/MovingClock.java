package org.centrik.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it. */
final class MovingClock extends Clock {

	private volatile Instant now;

	MovingClock() {
		this(Instant.parse("2026-09-01T08:00:00Z"));
	}

	MovingClock(Instant start) {
		this.now = start;
	}

	void move(Duration by) {
		this.now = this.now.plus(by);
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("A moving clock stays in UTC.");
	}

}

package org.centrik.demo;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoPulseTests {

	private static final Duration INTERVAL = Duration.ofSeconds(8);

	@Test
	void manyWaitingAndLittleTimeLeftGoAtTheInterval() {
		assertThat(DemoPulse.pace(INTERVAL, Duration.ofMinutes(10), 150)).isEqualTo(INTERVAL);
	}

	@Test
	void fewWaitingAndMuchTimeLeftAreSpreadOverAFifthOfIt() {
		assertThat(DemoPulse.pace(INTERVAL, Duration.ofHours(3), 150)).isEqualTo(Duration.ofMillis(14_400));
		assertThat(DemoPulse.pace(INTERVAL, Duration.ofHours(1), 3)).isEqualTo(Duration.ofMinutes(4));
	}

	@Test
	void nobodyWaitingOrTheEventOverKeepsTheInterval() {
		assertThat(DemoPulse.pace(INTERVAL, Duration.ofHours(1), 0)).isEqualTo(INTERVAL);
		assertThat(DemoPulse.pace(INTERVAL, Duration.ofMinutes(-1), 20)).isEqualTo(INTERVAL);
	}

	/**
	 * The demo's open microphone: 150 members out with three hours to go. At the old
	 * fixed eight seconds the hall was full after twenty minutes and the dashboard stood
	 * still for the rest of the event; paced, arrivals go on for most of it, busiest
	 * first.
	 */
	@Test
	void theDemoEventsHallDoesNotRunOutOfNewcomersEarly() {
		Duration event = Duration.ofHours(3);
		Duration elapsed = Duration.ZERO;
		Duration firstHalfHour = Duration.ofMinutes(30);
		int arrivedInFirstHalfHour = 0;
		long waiting = 150;
		while (waiting > 0) {
			elapsed = elapsed.plus(DemoPulse.pace(INTERVAL, event.minus(elapsed), waiting - 1));
			waiting--;
			if (elapsed.compareTo(firstHalfHour) <= 0) {
				arrivedInFirstHalfHour++;
			}
		}
		assertThat(elapsed).as("when the last one arrives").isGreaterThan(Duration.ofMinutes(100));
		assertThat(arrivedInFirstHalfHour).as("busiest at the start").isGreaterThan(70);
	}

}

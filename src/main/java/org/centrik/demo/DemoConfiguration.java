package org.centrik.demo;

import java.time.Clock;
import java.time.Duration;

import org.centrik.attendance.Attendance;
import org.centrik.events.EventId;
import org.centrik.events.Schedule;
import org.centrik.live.ChangeLog;
import org.centrik.security.Accounts;
import org.centrik.live.Topic;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;

@Configuration(proxyBeanMethods = false)
class DemoConfiguration {

	@Bean
	DemoNetwork demoNetwork(DatabaseClient database, ReactiveTransactionManager transactionManager,
			ObjectProvider<Clock> clock, LiveEventAnnouncer announcer) {
		return new DemoNetwork(database, transactionManager, clock.getIfUnique(Clock::systemDefaultZone), announcer);
	}

	/**
	 * Subscribers of the network's upcoming events see a newly opened live event at once.
	 */
	@Bean
	LiveEventAnnouncer liveEventAnnouncer(Schedule schedule, ChangeLog changes) {
		return (event) -> schedule.event(new EventId(event))
			.flatMap((opened) -> changes.append(Topic.upcomingEvents(opened.networkId()), "event.changed", opened));
	}

	/**
	 * Loads the demo at start-up when {@code centrik.demo.enabled} (the embedded
	 * default).
	 */
	@Bean
	@ConditionalOnBooleanProperty("centrik.demo.enabled")
	DemoNetworkRunner demoNetworkRunner(DemoNetwork demoNetwork, Accounts accounts, DatabaseClient database) {
		return new DemoNetworkRunner(demoNetwork, new DemoAccounts(accounts, database));
	}

	/**
	 * Check-ins trickling into the demo's live event, so that dashboards move without
	 * users; on with the demo unless {@code centrik.demo.pulse.enabled=false}.
	 */
	@Bean
	@ConditionalOnBooleanProperty("centrik.demo.enabled")
	@ConditionalOnBooleanProperty(name = "centrik.demo.pulse.enabled", matchIfMissing = true)
	DemoPulse demoPulse(DemoNetwork demoNetwork, DatabaseClient database, Attendance attendance,
			@Value("${centrik.demo.pulse.interval:8s}") Duration interval) {
		return new DemoPulse(demoNetwork, database, attendance, interval);
	}

}

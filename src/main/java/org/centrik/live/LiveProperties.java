package org.centrik.live;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tuning of the live core.
 *
 * @param channel the PostgreSQL NOTIFY channel that wakes the nodes
 * @param subscriberBuffer changes held for one subscriber that reads slower than they
 * come; past it the subscriber is told to resync
 * @param pollInterval how often a node looks at the log even without a wake-up (a safety
 * net: NOTIFY and the node's own commits normally wake it at once)
 * @param retryInterval how soon the sequencer tries again while an open transaction holds
 * back changes that committed after it
 * @param retention how long changes stay in the log for clients that resume
 * @param batch changes stamped or read at most in one statement
 */
@ConfigurationProperties("centrik.live")
public record LiveProperties(String channel, int subscriberBuffer, Duration pollInterval, Duration retryInterval,
		Duration retention, int batch) {

	public LiveProperties {
		channel = (channel != null) ? channel : "centrik_changes";
		subscriberBuffer = (subscriberBuffer > 0) ? subscriberBuffer : 256;
		pollInterval = (pollInterval != null) ? pollInterval : Duration.ofSeconds(1);
		retryInterval = (retryInterval != null) ? retryInterval : Duration.ofMillis(5);
		retention = (retention != null) ? retention : Duration.ofDays(7);
		batch = (batch > 0) ? batch : 2000;
	}

}

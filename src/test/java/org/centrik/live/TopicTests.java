package org.centrik.live;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopicTests {

	@Test
	void namesAreResourceFirstAndDotSeparated() {
		assertThat(Topic.attendance(42).name()).isEqualTo("attendance.42");
		assertThat(Topic.matrix(1, 2025).name()).isEqualTo("matrix.1.2025");
		assertThat(Topic.upcomingEvents(3).name()).isEqualTo("events.upcoming.3");
		assertThat(Topic.card(77).name()).isEqualTo("cards.77");
	}

	@Test
	void kindAndKeysAreReadBack() {
		Topic topic = new Topic("matrix.7.2025");
		assertThat(topic.kind()).isEqualTo("matrix");
		assertThat(topic.key(0)).isEqualTo(7);
		assertThat(topic.key(1)).isEqualTo(2025);
		assertThat(new Topic("events.upcoming.5").kind()).isEqualTo("events.upcoming");
		assertThat(new Topic("attendance." + Long.MAX_VALUE).key(0)).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void unknownKindsZeroIdsAndOverflowingIdsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Topic("payroll.1"));
		assertThatIllegalArgumentException().isThrownBy(() -> new Topic("attendance.0"));
		assertThatIllegalArgumentException().isThrownBy(() -> new Topic("attendance.-1"));
		assertThatIllegalArgumentException().isThrownBy(() -> new Topic("attendance.9999999999999999999"));
		assertThatIllegalArgumentException().isThrownBy(() -> new Topic("attendance"));
	}

}

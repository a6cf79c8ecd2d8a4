package org.centrik.security;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AuditLogIntegrationTests {

	@Autowired
	AuditLog audit;

	@Autowired
	DatabaseClient database;

	@Autowired
	ReactiveTransactionManager transactionManager;

	@Test
	void entriesAreReadNewestFirstByActionAndPagedById() {
		String target = "event:" + UUID.randomUUID();
		Actor host = new Actor(null, "host@example.org", "198.51.100.4");
		for (int correction = 1; correction <= 3; correction++) {
			this.audit.record(host, AuditAction.ATTENDANCE_CORRECTED, target, Map.of("correction", correction)).block();
		}
		this.audit.record(host, AuditAction.LOGOUT, target, Map.of()).block();

		List<AuditEntry> first = this.audit.entries(AuditAction.ATTENDANCE_CORRECTED, null, 2).collectList().block();
		List<AuditEntry> second = this.audit.entries(AuditAction.ATTENDANCE_CORRECTED, first.get(1).id(), 2)
			.collectList()
			.block();

		assertThat(first).extracting(AuditEntry::details).containsExactly("{\"correction\": 3}", "{\"correction\": 2}");
		assertThat(second.get(0).details()).isEqualTo("{\"correction\": 1}");
		assertThat(second.get(0).target()).isEqualTo(target);
		assertThat(second.get(0).actor()).isEqualTo(host);
		assertThat(this.audit.entries(null, null, 1).blockFirst().action()).isEqualTo(AuditAction.LOGOUT);
	}

	@Test
	void entryIsWrittenInTheCallersTransaction() {
		String target = "year:" + UUID.randomUUID();

		TransactionalOperator.create(this.transactionManager)
			.execute((transaction) -> this.audit.record(Actor.system(), AuditAction.YEAR_END_RUN, target, Map.of())
				.then(Mono.error(new IllegalStateException("year end failed"))))
			.as(StepVerifier::create)
			.verifyError(IllegalStateException.class);

		assertThat(this.database.sql("select count(*) as n from audit_log where target = :target")
			.bind("target", target)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block()).isZero();
	}

	@Test
	void pageSizeIsBounded() {
		this.audit.entries(null, null, AuditLog.MAX_PAGE + 1)
			.as(StepVerifier::create)
			.verifyError(IllegalArgumentException.class);
	}

}

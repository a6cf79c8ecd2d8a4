package org.centrik.shared.database;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says where the database is: in {@code /actuator/info}, and once at start-up together
 * with the addresses a user opens.
 */
@Component
class DatabaseReport implements InfoContributor {

	private static final Log logger = LogFactory.getLog(DatabaseReport.class);

	private final Environment environment;

	DatabaseReport(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> database = new LinkedHashMap<>();
		database.put("mode", mode().name().toLowerCase());
		database.put("url",
				this.environment.getProperty("centrik.database.display-url", "configured by spring.r2dbc.url"));
		if (mode() == DatabaseMode.EMBEDDED) {
			database.put("dataDirectory", this.environment.getProperty("centrik.database.data-dir"));
		}
		builder.withDetail("database", database);
	}

	@EventListener
	void onReady(ApplicationReadyEvent event) {
		String httpPort = this.environment.getProperty("local.server.port", "8080");
		StringBuilder report = new StringBuilder("\n\n  Centrik is running\n");
		report.append("    Web UI:      http://localhost:").append(httpPort).append("/\n");
		report.append("    API:         http://localhost:").append(httpPort).append("/api/events\n");
		String rsocketPort = this.environment.getProperty("local.rsocket.server.port");
		if (rsocketPort != null) {
			report.append("    RSocket:     tcp://localhost:")
				.append(rsocketPort)
				.append(" and ws://localhost:")
				.append(httpPort)
				.append("/rsocket\n");
		}
		report.append("    Database:    ").append(this.environment.getProperty("centrik.database.display-url"));
		if (mode() == DatabaseMode.EMBEDDED) {
			report.append(" (embedded PostgreSQL, data in ")
				.append(this.environment.getProperty("centrik.database.data-dir"))
				.append(")");
		}
		logger.info(report.append("\n"));
	}

	private DatabaseMode mode() {
		return DatabaseMode
			.valueOf(this.environment.getProperty(DatabaseInitializer.MODE, DatabaseMode.EXTERNAL.name()));
	}

}

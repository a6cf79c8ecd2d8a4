package org.centrik.shared.database;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DatabaseUrlTests {

	@Test
	void postgresUriGivesCredentialsAndDatabase() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://centrik:s%40cret@db.example:6543/district");
		assertThat(url.username()).isEqualTo("centrik");
		assertThat(url.password()).isEqualTo("s@cret");
		assertThat(url.jdbc()).isEqualTo("jdbc:postgresql://db.example:6543/district");
		assertThat(url.r2dbc()).isEqualTo("r2dbc:postgresql://db.example:6543/district");
		assertThat(url.display()).doesNotContain("s@cret");
	}

	@Test
	void jdbcUrlWithQueryCredentialsKeepsOtherOptions() {
		DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db/centrik?user=app&password=pw&sslmode=require");
		assertThat(url.username()).isEqualTo("app");
		assertThat(url.password()).isEqualTo("pw");
		assertThat(url.port()).isEqualTo(5432);
		assertThat(url.r2dbc()).isEqualTo("r2dbc:postgresql://db:5432/centrik?sslmode=require");
	}

	@Test
	void explicitCredentialsWinOverTheUrlsButBlankOnesDoNot() {
		DatabaseUrl url = DatabaseUrl.parse("postgres://app:pw@db/centrik");
		assertThat(url.withCredentials("other", "").username()).isEqualTo("other");
		assertThat(url.withCredentials("", null).password()).isEqualTo("pw");
	}

	@Test
	void otherSchemesAreRefusedWithTheReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> DatabaseUrl.parse("mysql://db/centrik"))
			.withMessageContaining("postgresql://");
	}

}

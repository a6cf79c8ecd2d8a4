package org.centrik.demo;

import java.util.Random;

import org.centrik.demo.RussianNames.Person;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RussianNamesTests {

	@Test
	void womanBearsTheFeminineFormOfHerFamilySurname() {
		assertThat(RussianNames.feminine("Смирнов")).isEqualTo("Смирнова");
		assertThat(RussianNames.feminine("Соловьев")).isEqualTo("Соловьева");
		assertThat(RussianNames.feminine("Никитин")).isEqualTo("Никитина");
		assertThat(RussianNames.feminine("Покровский")).isEqualTo("Покровская");
		assertThat(RussianNames.feminine("Троицкий")).isEqualTo("Троицкая");
	}

	@Test
	void invariableSurnamesStayAsTheyAre() {
		assertThat(RussianNames.feminine("Шевченко")).isEqualTo("Шевченко");
		assertThat(RussianNames.feminine("Черных")).isEqualTo("Черных");
	}

	@Test
	void patronymicAgreesWithGender() {
		assertThat(RussianNames.patronymic("Сергей", false)).isEqualTo("Сергеевич");
		assertThat(RussianNames.patronymic("Сергей", true)).isEqualTo("Сергеевна");
		assertThat(RussianNames.patronymic("Илья", true)).isEqualTo("Ильинична");
		assertThat(RussianNames.patronymic("Михаил", false)).isEqualTo("Михайлович");
	}

	@Test
	void everyGeneratedPersonAgreesWithTheirGender() {
		Random random = new Random(7);
		for (int i = 0; i < 2000; i++) {
			boolean female = random.nextBoolean();
			Person person = RussianNames.person(random, female);
			if (female) {
				assertThat(person.middleName()).endsWith("на");
				assertThat(person.lastName()).doesNotEndWith("ов")
					.doesNotEndWith("ев")
					.doesNotEndWith("ин")
					.doesNotEndWith("ий");
			}
			else {
				assertThat(person.middleName()).endsWith("ич");
				assertThat(person.lastName()).doesNotEndWith("ова").doesNotEndWith("ская");
			}
		}
	}

	@Test
	void mailboxIsTheSurnameAndInitialsInLatinLetters() {
		Person person = new Person("Щербакова", "Юлия", "Ильинична", true);
		assertThat(person.mailbox()).isEqualTo("shcherbakova.iui");
		assertThat(person.shortName()).isEqualTo("Щербакова Ю. И.");
	}

}

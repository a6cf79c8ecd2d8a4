package org.centrik.demo;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Russian full names with the right gender agreement: the surname and the patronymic take
 * the feminine form for a woman ({@code Смирнов → Смирнова}, {@code Сергеевич →
 * Сергеевна}), invariable surnames ({@code Шевченко}, {@code Черных}) stay as they are.
 * The letter «ё» is written as «е», as in most school documents, so that a search for
 * «Федорова» finds her.
 */
final class RussianNames {

	record Person(String lastName, String firstName, String middleName, boolean female) {

		/** «Смирнова Е. А.», as Russian documents and signatures write a person. */
		String shortName() {
			return this.lastName + " " + this.firstName.charAt(0) + ". " + this.middleName.charAt(0) + ".";
		}

		/** The local part of a work e-mail: {@code smirnova.ea}. */
		String mailbox() {
			return transliterate(this.lastName) + "." + transliterate(this.firstName.substring(0, 1))
					+ transliterate(this.middleName.substring(0, 1));
		}

	}

	private static final List<String> SURNAMES = List.of("Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров",
			"Соколов", "Михайлов", "Новиков", "Федоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семенов",
			"Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров",
			"Зайцев", "Соловьев", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьев", "Сергеев", "Кузьмин",
			"Фролов", "Александров", "Дмитриев", "Королев", "Гусев", "Киселев", "Ильин", "Максимов", "Поляков",
			"Сорокин", "Виноградов", "Ковалев", "Белов", "Медведев", "Антонов", "Тарасов", "Жуков", "Баранов",
			"Филиппов", "Комаров", "Давыдов", "Беляев", "Герасимов", "Богданов", "Осипов", "Сидоров", "Матвеев",
			"Титов", "Марков", "Миронов", "Крылов", "Куликов", "Карпов", "Власов", "Мельников", "Денисов", "Гаврилов",
			"Тихонов", "Казаков", "Афанасьев", "Данилов", "Савельев", "Тимофеев", "Фомин", "Чернов", "Абрамов",
			"Мартынов", "Ефимов", "Федотов", "Щербаков", "Назаров", "Калинин", "Исаев", "Быков", "Маслов", "Родионов",
			"Коновалов", "Лазарев", "Воронин", "Климов", "Филатов", "Голубев", "Кудрявцев", "Прохоров", "Наумов",
			"Потапов", "Журавлев", "Овчинников", "Трофимов", "Леонов", "Соболев", "Ермаков", "Колесников", "Гончаров",
			"Емельянов", "Никифоров", "Котов", "Гришин", "Ефремов", "Архипов", "Громов", "Кириллов", "Малышев", "Панов",
			"Моисеев", "Румянцев", "Акимов", "Кондратьев", "Бирюков", "Горбунов", "Анисимов", "Еремин", "Тихомиров",
			"Галкин", "Лукьянов", "Скворцов", "Юдин", "Белоусов", "Нестеров", "Симонов", "Харитонов", "Князев",
			"Цветков", "Левин", "Воронов", "Логинов", "Савин", "Краснов", "Майоров", "Демидов", "Елисеев", "Рыбаков",
			"Плотников", "Жданов", "Покровский", "Успенский", "Вишневский", "Рождественский", "Введенский", "Троицкий",
			"Добровольский", "Закревский", "Шевченко", "Бондаренко", "Коваленко", "Кравченко", "Литвиненко", "Черных",
			"Седых", "Белых");

	private static final List<String> FEMALE_NAMES = List.of("Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна",
			"Ирина", "Светлана", "Екатерина", "Юлия", "Марина", "Галина", "Людмила", "Надежда", "Оксана", "Анастасия",
			"Дарья", "Ксения", "Вера", "Любовь", "Валентина", "Евгения", "Алла", "Лариса", "Виктория", "Полина",
			"Алена", "Жанна", "Софья", "Кристина", "Маргарита", "Нина");

	private static final List<String> MALE_NAMES = List.of("Александр", "Сергей", "Андрей", "Дмитрий", "Алексей",
			"Михаил", "Игорь", "Павел", "Евгений", "Николай", "Владимир", "Константин", "Артем", "Роман", "Денис",
			"Максим", "Олег", "Виктор", "Антон", "Кирилл");

	/** A father's name and the patronymics it gives: to a son, to a daughter. */
	private static final Map<String, List<String>> PATRONYMICS = Map.ofEntries(
			Map.entry("Александр", List.of("Александрович", "Александровна")),
			Map.entry("Алексей", List.of("Алексеевич", "Алексеевна")),
			Map.entry("Андрей", List.of("Андреевич", "Андреевна")),
			Map.entry("Сергей", List.of("Сергеевич", "Сергеевна")),
			Map.entry("Николай", List.of("Николаевич", "Николаевна")),
			Map.entry("Дмитрий", List.of("Дмитриевич", "Дмитриевна")), Map.entry("Юрий", List.of("Юрьевич", "Юрьевна")),
			Map.entry("Игорь", List.of("Игоревич", "Игоревна")),
			Map.entry("Владимир", List.of("Владимирович", "Владимировна")),
			Map.entry("Михаил", List.of("Михайлович", "Михайловна")),
			Map.entry("Евгений", List.of("Евгеньевич", "Евгеньевна")),
			Map.entry("Виктор", List.of("Викторович", "Викторовна")),
			Map.entry("Павел", List.of("Павлович", "Павловна")), Map.entry("Петр", List.of("Петрович", "Петровна")),
			Map.entry("Иван", List.of("Иванович", "Ивановна")), Map.entry("Олег", List.of("Олегович", "Олеговна")),
			Map.entry("Анатолий", List.of("Анатольевич", "Анатольевна")),
			Map.entry("Валерий", List.of("Валерьевич", "Валерьевна")),
			Map.entry("Геннадий", List.of("Геннадьевич", "Геннадьевна")),
			Map.entry("Борис", List.of("Борисович", "Борисовна")),
			Map.entry("Вадим", List.of("Вадимович", "Вадимовна")),
			Map.entry("Константин", List.of("Константинович", "Константиновна")),
			Map.entry("Леонид", List.of("Леонидович", "Леонидовна")),
			Map.entry("Григорий", List.of("Григорьевич", "Григорьевна")),
			Map.entry("Василий", List.of("Васильевич", "Васильевна")),
			Map.entry("Федор", List.of("Федорович", "Федоровна")), Map.entry("Илья", List.of("Ильич", "Ильинична")),
			Map.entry("Никита", List.of("Никитич", "Никитична")),
			Map.entry("Станислав", List.of("Станиславович", "Станиславовна")),
			Map.entry("Вячеслав", List.of("Вячеславович", "Вячеславовна")),
			Map.entry("Аркадий", List.of("Аркадьевич", "Аркадьевна")));

	private static final List<String> FATHERS = PATRONYMICS.keySet().stream().sorted().toList();

	private static final Map<Character, String> LATIN = Map.ofEntries(Map.entry('а', "a"), Map.entry('б', "b"),
			Map.entry('в', "v"), Map.entry('г', "g"), Map.entry('д', "d"), Map.entry('е', "e"), Map.entry('ё', "e"),
			Map.entry('ж', "zh"), Map.entry('з', "z"), Map.entry('и', "i"), Map.entry('й', "i"), Map.entry('к', "k"),
			Map.entry('л', "l"), Map.entry('м', "m"), Map.entry('н', "n"), Map.entry('о', "o"), Map.entry('п', "p"),
			Map.entry('р', "r"), Map.entry('с', "s"), Map.entry('т', "t"), Map.entry('у', "u"), Map.entry('ф', "f"),
			Map.entry('х', "kh"), Map.entry('ц', "ts"), Map.entry('ч', "ch"), Map.entry('ш', "sh"),
			Map.entry('щ', "shch"), Map.entry('ъ', ""), Map.entry('ы', "y"), Map.entry('ь', ""), Map.entry('э', "e"),
			Map.entry('ю', "iu"), Map.entry('я', "ia"));

	private RussianNames() {
	}

	static Person person(Random random, boolean female) {
		String surname = SURNAMES.get(random.nextInt(SURNAMES.size()));
		List<String> names = female ? FEMALE_NAMES : MALE_NAMES;
		String firstName = names.get(random.nextInt(names.size()));
		String father = FATHERS.get(random.nextInt(FATHERS.size()));
		return new Person(female ? feminine(surname) : surname, firstName, patronymic(father, female), female);
	}

	/** The surname a woman of the family bears. */
	static String feminine(String surname) {
		if (surname.endsWith("ский") || surname.endsWith("цкий")) {
			return surname.substring(0, surname.length() - 2) + "ая";
		}
		if (surname.endsWith("ой")) {
			return surname.substring(0, surname.length() - 2) + "ая";
		}
		if (surname.endsWith("ов") || surname.endsWith("ев") || surname.endsWith("ин") || surname.endsWith("ын")) {
			return surname + "а";
		}
		return surname;
	}

	static String patronymic(String fatherName, boolean female) {
		List<String> forms = PATRONYMICS.get(fatherName);
		if (forms == null) {
			throw new IllegalArgumentException("No patronymic known for " + fatherName);
		}
		return forms.get(female ? 1 : 0);
	}

	/** Russian to Latin letters as in Russian passports (ICAO 9303), lower case. */
	static String transliterate(String russian) {
		StringBuilder latin = new StringBuilder();
		for (char letter : russian.toLowerCase(Locale.ROOT).toCharArray()) {
			latin.append(LATIN.getOrDefault(letter, (letter == ' ' || letter == '-') ? "-" : String.valueOf(letter)));
		}
		return latin.toString();
	}

}

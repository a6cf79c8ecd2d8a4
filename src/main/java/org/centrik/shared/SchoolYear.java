package org.centrik.shared;

import java.time.LocalDate;
import java.time.Month;

/**
 * A school year, 1 September to 31 August, named by the calendar year it starts in:
 * {@code new SchoolYear(2025)} is «2025/26». Every year-end rule counts in school years.
 */
public record SchoolYear(int startYear) implements Comparable<SchoolYear> {

	public static SchoolYear of(LocalDate date) {
		return new SchoolYear((date.getMonth().compareTo(Month.SEPTEMBER) >= 0) ? date.getYear() : date.getYear() - 1);
	}

	public LocalDate firstDay() {
		return LocalDate.of(this.startYear, Month.SEPTEMBER, 1);
	}

	public LocalDate lastDay() {
		return LocalDate.of(this.startYear + 1, Month.AUGUST, 31);
	}

	public boolean contains(LocalDate date) {
		return !date.isBefore(firstDay()) && !date.isAfter(lastDay());
	}

	public SchoolYear previous() {
		return new SchoolYear(this.startYear - 1);
	}

	public SchoolYear next() {
		return new SchoolYear(this.startYear + 1);
	}

	public SchoolYear minus(int years) {
		return new SchoolYear(this.startYear - years);
	}

	@Override
	public int compareTo(SchoolYear other) {
		return Integer.compare(this.startYear, other.startYear);
	}

	@Override
	public String toString() {
		return this.startYear + "/" + String.format("%02d", (this.startYear + 1) % 100);
	}

}

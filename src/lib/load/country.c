/* The emergency number of a country (setup.country), for profiles that
 * do not give setup.emergency_number. One number per country: the one a
 * frightened helper should dial for an ambulance. In the EU that is 112,
 * answered free in every member state and passed to the ambulance
 * service [EMERG]; elsewhere, where police, fire and ambulance have
 * separate numbers, the ambulance one. docs/formats.md prints this table
 * and docs/sources.md says where each number comes from; keep the three
 * alike (tests/unit/test_profile.c checks a few rows). */
#include "gradus/profile.h"

#include <string.h>

#include "load/load.h"

typedef struct {
	const char *code, *number;
} country_row;

/* Sorted by code. */
static const country_row countries[] = {
	{"AR", "107"},   /* Argentina: ambulance (SAME) */
	{"AT", "112"},   /* EU */
	{"AU", "000"},   /* Australia: Triple Zero */
	{"BE", "112"},   /* EU */
	{"BG", "112"},   /* EU */
	{"BR", "192"},   /* Brazil: ambulance (SAMU) */
	{"CA", "911"},   /* Canada */
	{"CH", "144"},   /* Switzerland: ambulance */
	{"CY", "112"},   /* EU */
	{"CZ", "112"},   /* EU */
	{"DE", "112"},   /* EU */
	{"DK", "112"},   /* EU */
	{"EE", "112"},   /* EU */
	{"ES", "112"},   /* EU */
	{"FI", "112"},   /* EU */
	{"FR", "112"},   /* EU */
	{"GB", "999"},   /* United Kingdom */
	{"GR", "112"},   /* EU */
	{"HR", "112"},   /* EU */
	{"HU", "112"},   /* EU */
	{"IE", "112"},   /* EU (999 works too) */
	{"IN", "112"},   /* India: the one national number */
	{"IS", "112"},   /* Iceland */
	{"IT", "112"},   /* EU */
	{"JP", "119"},   /* Japan: fire and ambulance */
	{"LT", "112"},   /* EU */
	{"LU", "112"},   /* EU */
	{"LV", "112"},   /* EU */
	{"MT", "112"},   /* EU */
	{"MX", "911"},   /* Mexico */
	{"NL", "112"},   /* EU */
	{"NO", "113"},   /* Norway: medical emergencies (112 is the police) */
	{"NZ", "111"},   /* New Zealand */
	{"PL", "112"},   /* EU */
	{"PT", "112"},   /* EU */
	{"RO", "112"},   /* EU */
	{"SE", "112"},   /* EU */
	{"SI", "112"},   /* EU */
	{"SK", "112"},   /* EU */
	{"US", "911"},   /* United States */
	{"ZA", "10177"}, /* South Africa: ambulance (112 from a mobile) */
};

const char *gradus_country_emergency_number(const char *code)
{
	if (!code)
		return NULL;
	for (size_t i = 0; i < sizeof(countries) / sizeof(countries[0]); i++)
		if (strcmp(countries[i].code, code) == 0)
			return countries[i].number;
	return NULL;
}

size_t gradus_country_codes(const char **codes, size_t max)
{
	size_t n = sizeof(countries) / sizeof(countries[0]);
	for (size_t i = 0; i < n && i < max; i++)
		codes[i] = countries[i].code;
	return n < max ? n : max;
}

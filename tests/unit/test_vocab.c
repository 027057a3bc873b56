#include <string.h>

#include "helpers.h"

static void names_round_trip(void **state)
{
	(void)state;
	for (int p = 0; p < GRADUS_PAT__COUNT; p++) {
		gradus_pattern back;
		assert_int_equal(gradus_pattern_parse(gradus_pattern_name(p), &back), 0);
		assert_int_equal(back, p);
	}
	for (int p = 0; p < GRADUS_POS__COUNT; p++) {
		gradus_position back;
		assert_int_equal(gradus_position_parse(gradus_position_name(p), &back), 0);
		assert_int_equal(back, p);
	}
	for (int t = 0; t < GRADUS_TAG__COUNT; t++) {
		gradus_tag back;
		assert_non_null(gradus_tag_name(t));
		assert_int_equal(gradus_tag_parse(gradus_tag_name(t), &back), 0);
		assert_int_equal(back, t);
	}
	assert_null(gradus_pattern_name(GRADUS_PAT__COUNT));
	assert_string_equal(gradus_tag_name(GRADUS_TAG_BLOOD_THINNER), "blood_thinner");
	assert_string_equal(gradus_tag_name(GRADUS_TAG_HIP_POSTERIOR_PRECAUTIONS),
			    "hip_posterior_precautions");
}

static void region_groups(void **state)
{
	unsigned bits;
	(void)state;
	assert_int_equal(gradus_region_parse("legs", &bits), 0);
	assert_int_equal(bits, GRADUS_REG_LEFT_LEG | GRADUS_REG_RIGHT_LEG);
	assert_int_equal(gradus_region_parse("whole_body", &bits), 0);
	assert_int_equal(bits, GRADUS_REG_ALL);
	assert_int_equal(gradus_region_parse("left_arm", &bits), 0);
	assert_int_equal(bits, GRADUS_REG_LEFT_ARM);
	assert_int_equal(gradus_region_parse("leg", &bits), -1);
	assert_string_equal(gradus_region_name(GRADUS_REG_HANDS), "hands");
	assert_null(gradus_region_name(GRADUS_REG_LEGS)); /* not one bit */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_round_trip),
		cmocka_unit_test(region_groups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

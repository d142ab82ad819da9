package model

// BusinessNoValid reports whether ten digits form a valid Korean business
// registration number (사업자등록번호): the last digit is a check digit over
// the first nine with the weights 1,3,7,1,3,7,1,3,5, plus the tens of the
// ninth product.
func BusinessNoValid(digits string) bool {
	if len(digits) != 10 {
		return false
	}
	for i := 0; i < 10; i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return false
		}
	}
	return BusinessNoCheckDigit(digits[:9]) == digits[9]
}

// BusinessNoCheckDigit returns the check digit for the first nine digits.
func BusinessNoCheckDigit(nine string) byte {
	weights := [9]int{1, 3, 7, 1, 3, 7, 1, 3, 5}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(nine[i]-'0') * weights[i]
	}
	sum += int(nine[8]-'0') * 5 / 10
	return byte('0' + (10-sum%10)%10)
}

package places

import "strings"

// coloCities maps the three-letter IATA code that Cloudflare uses for a data
// centre (the suffix of the cf-ray header, "colo" in /cdn-cgi/trace) to the
// city people know it by. It covers Cloudflare's larger locations; an unknown
// code is still shown, just without a city.
var coloCities = map[string]string{
	"AMS": "Amsterdam", "ARN": "Stockholm", "ATH": "Athens", "ATL": "Atlanta",
	"AKL": "Auckland", "BCN": "Barcelona", "BEG": "Belgrade", "BKK": "Bangkok",
	"BLR": "Bengaluru", "BNE": "Brisbane", "BOG": "Bogotá", "BOM": "Mumbai",
	"BOS": "Boston", "BRU": "Brussels", "BUD": "Budapest", "BUF": "Buffalo",
	"CAI": "Cairo", "CDG": "Paris", "CGK": "Jakarta", "CMH": "Columbus",
	"CPH": "Copenhagen", "CPT": "Cape Town", "DEL": "New Delhi", "DEN": "Denver",
	"DFW": "Dallas", "DOH": "Doha", "DTW": "Detroit", "DUB": "Dublin",
	"DUS": "Düsseldorf", "DXB": "Dubai", "EWR": "Newark", "EZE": "Buenos Aires",
	"FCO": "Rome", "FRA": "Frankfurt", "GIG": "Rio de Janeiro", "GRU": "São Paulo",
	"GVA": "Geneva", "HAM": "Hamburg", "HEL": "Helsinki", "HKG": "Hong Kong",
	"HNL": "Honolulu", "IAD": "Ashburn", "IAH": "Houston", "ICN": "Seoul",
	"IST": "Istanbul", "JHB": "Johor Bahru", "JNB": "Johannesburg", "KIX": "Osaka",
	"KUL": "Kuala Lumpur", "LAS": "Las Vegas", "LAX": "Los Angeles", "LHR": "London",
	"LIS": "Lisbon", "LOS": "Lagos", "LIM": "Lima", "MAD": "Madrid",
	"MAN": "Manchester", "MCI": "Kansas City", "MEL": "Melbourne", "MEX": "Mexico City",
	"MFE": "McAllen", "MIA": "Miami", "MIL": "Milan", "MXP": "Milan",
	"MNL": "Manila", "MRS": "Marseille", "MSP": "Minneapolis", "MUC": "Munich",
	"NBO": "Nairobi", "NRT": "Tokyo", "ORD": "Chicago", "OSL": "Oslo",
	"OTP": "Bucharest", "PDX": "Portland", "PER": "Perth", "PHL": "Philadelphia",
	"PHX": "Phoenix", "PIT": "Pittsburgh", "PRG": "Prague", "QRO": "Querétaro",
	"RIC": "Richmond", "SCL": "Santiago", "SEA": "Seattle", "SFO": "San Francisco",
	"SIN": "Singapore", "SJC": "San Jose", "SLC": "Salt Lake City", "SOF": "Sofia",
	"STL": "St. Louis", "SYD": "Sydney", "TLV": "Tel Aviv", "TPE": "Taipei",
	"TXL": "Berlin", "VIE": "Vienna", "WAW": "Warsaw", "YUL": "Montréal",
	"YVR": "Vancouver", "YYZ": "Toronto", "ZRH": "Zürich", "ZAG": "Zagreb",
	"KBP": "Kyiv", "RIX": "Riga", "TLL": "Tallinn", "VNO": "Vilnius",
	"LUX": "Luxembourg", "SKG": "Thessaloniki", "LCA": "Nicosia", "MCT": "Muscat",
	"RUH": "Riyadh", "JED": "Jeddah", "KWI": "Kuwait City", "BAH": "Manama",
	"AMM": "Amman", "BEY": "Beirut", "KHI": "Karachi", "LHE": "Lahore",
	"ISB": "Islamabad", "DAC": "Dhaka", "CMB": "Colombo", "KTM": "Kathmandu",
	"MAA": "Chennai", "HYD": "Hyderabad", "CCU": "Kolkata", "SGN": "Ho Chi Minh City",
	"HAN": "Hanoi", "PNH": "Phnom Penh", "RGN": "Yangon", "CEB": "Cebu",
	"FUK": "Fukuoka", "OKA": "Naha", "TPA": "Tampa", "MCO": "Orlando",
	"CLT": "Charlotte", "BNA": "Nashville", "SAN": "San Diego", "SMF": "Sacramento",
	"OMA": "Omaha", "IND": "Indianapolis", "JAX": "Jacksonville", "MEM": "Memphis",
	"YYC": "Calgary", "YOW": "Ottawa", "YWG": "Winnipeg", "UIO": "Quito",
	"PTY": "Panama City", "SJO": "San José", "GUA": "Guatemala City", "MDE": "Medellín",
	"ASU": "Asunción", "MVD": "Montevideo", "POA": "Porto Alegre", "FOR": "Fortaleza",
	"ACC": "Accra", "ADD": "Addis Ababa", "DAR": "Dar es Salaam", "KGL": "Kigali",
	"CMN": "Casablanca", "TUN": "Tunis", "ALG": "Algiers", "DKR": "Dakar",
	"DUR": "Durban", "EBB": "Kampala", "MPM": "Maputo", "LAD": "Luanda",
	"SVO": "Moscow", "DME": "Moscow", "LED": "Saint Petersburg", "TBS": "Tbilisi",
	"EVN": "Yerevan", "GYD": "Baku", "ALA": "Almaty", "TAS": "Tashkent",
	"ULN": "Ulaanbaatar", "CGD": "Changde", "PEK": "Beijing", "PVG": "Shanghai",
	"CAN": "Guangzhou", "SZX": "Shenzhen", "CTU": "Chengdu", "MFM": "Macau",
}

// ColoCity returns the city of a Cloudflare data centre code, or "".
func ColoCity(code string) string {
	return coloCities[strings.ToUpper(strings.TrimSpace(code))]
}

// ColoByCity finds the code for a city named on a 5xx page's "Cloudflare"
// status box. Several codes can share a city; any one of them is right.
func ColoByCity(city string) string {
	city = strings.TrimSpace(city)
	best := ""
	for code, c := range coloCities {
		if strings.EqualFold(c, city) && (best == "" || code < best) {
			best = code
		}
	}
	return best
}

package advice

import "fmt"

// continentOf maps ISO country codes to Cloudflare's continent codes, so a
// rule on ip.src.continent can be evaluated from a country alone.
func continentOf(country string) string {
	for cont, list := range continents {
		for i := 0; i+1 < len(list); i += 2 {
			if list[i:i+2] == country {
				return cont
			}
		}
	}
	return ""
}

var continents = map[string]string{
	"EU": "ADALATBABEBGBYCHCYCZDEDKEEESFIFOFRGBGGGIGRHRHUIEIMISITJELILTLULVMCMDMEMKMTNLNOPLPTRORSRUSESISKSMUAVAXK",
	"AS": "AEAFAMAZBDBHBNBTCNGEHKIDILINIQIRJOJPKGKHKPKRKWKZLALBLKMMMNMOMVMYNPOMPHPKPSQASASGSYTHTJTLTMTRTWUZVNYE",
	"AF": "AOBFBIBJBWCDCFCGCICMCVDJDZEGERETGAGHGMGNGQGWKEKMLRLSLYMAMGMLMRMUMWMZNANENGRWSCSDSLSNSOSSSTSZTDTGTNTZUGZAZMZW",
	"NA": "AGAIAWBBBLBMBQBSBZCACRCUCWDMDOGDGLGPGTHNHTJMKNKYLCMFMQMSMXNIPAPMPRSVSXTCTTUSVCVGVI",
	"SA": "ARBOBRCLCOECFKGFGYPEPYSRUYVE",
	"OC": "ASAUCKFJFMGUKIMHMPNCNFNRNUNZPFPGPNPWSBTKTOTVVUWFWS",
}

func str(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

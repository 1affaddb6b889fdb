package gazetteer

import (
	"fmt"
	"io"
	"os"
)

// LoadDump builds a Gazetteer from the countries, divisions and regions of the compact form and the
// populated places of a GeoNames dump (allCountries.txt, cities1000.txt... format), with the extra names
// of alternateNamesV2.txt when altPath is not empty. It is for users who need villages.
func LoadDump(compact, dumpPath, altPath string) (*Gazetteer, error) {
	g, err := Load(compact)
	if err != nil {
		return nil, err
	}
	b := NewBuilder()
	base := g.Source().WithoutTowns()
	b.src.Demonyms = base.Demonyms
	for i, p := range base.Places {
		j := b.add(p, base.Names[i])
		if p.FeatureCode == "ADM1" {
			b.admin1[p.CountryCode+"."+p.Admin1] = j
		}
	}
	if err := addFile(dumpPath, b.AddGeoNames); err != nil {
		return nil, err
	}
	if altPath != "" {
		if err := addFile(altPath, b.AddAlternateNames); err != nil {
			return nil, err
		}
	}
	return Build(b.Source()), nil
}

func addFile(path string, add func(io.Reader, string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	defer f.Close()
	return add(f, path)
}

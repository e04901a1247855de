// Package floor is the least work vet's stages could do with the same libraries: a bare
// encoding/csv loop over an input, excelize's StreamWriter writing the cells of vet's Videos
// sheet and nothing else, and a bare excelize row loop over an input workbook. `make bench`
// holds vet's figures against these (SPEC §5: the whole run within 1.3× of the floor).
package floor

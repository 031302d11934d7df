package generate

import (
	"fmt"
	"strings"
)

// maxDiffLines bounds the diff that Check reports for one file.
const maxDiffLines = 40

// diffContext is the number of unchanged lines shown around a change.
const diffContext = 3

// maxLCSCells bounds the table of the line matcher; past it the differing
// middle of two files is shown as removed and added whole.
const maxLCSCells = 1 << 22

// edit is one line of a line-based edit script: ' ' kept, '-' removed, '+'
// added. The line keeps its newline, if it has one.
type edit struct {
	kind byte
	line string
}

// unifiedDiff returns a unified diff turning a into b, with fromName and
// toName in its header, cut to about max lines; "" when they are equal.
func unifiedDiff(fromName, toName string, a, b []byte, max int) string {
	edits := diffLines(splitLines(string(a)), splitLines(string(b)))
	var lines []string
	for _, h := range hunks(edits, diffContext) {
		lines = append(lines, h...)
	}
	if len(lines) == 0 {
		return ""
	}
	if len(lines) > max {
		lines = append(lines[:max], fmt.Sprintf("... (%d more lines)\n", len(lines)-max))
	}
	return "--- " + fromName + "\n+++ " + toName + "\n" + strings.Join(lines, "")
}

// splitLines splits s after each newline; the last line may lack one.
func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// diffLines returns an edit script from a to b. Common leading and trailing
// lines are matched directly; the rest uses a longest common subsequence,
// which is small for the usual hand edit or regenerated line.
func diffLines(a, b []string) []edit {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var edits []edit
	for _, l := range a[:pre] {
		edits = append(edits, edit{' ', l})
	}
	edits = append(edits, lcsEdits(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, l := range a[len(a)-suf:] {
		edits = append(edits, edit{' ', l})
	}
	return edits
}

// lcsEdits returns an edit script from a to b that keeps a longest common
// subsequence of lines, or removes a and adds b whole when they are too big.
func lcsEdits(a, b []string) []edit {
	var edits []edit
	if len(a)*len(b) > maxLCSCells {
		for _, l := range a {
			edits = append(edits, edit{'-', l})
		}
		for _, l := range b {
			edits = append(edits, edit{'+', l})
		}
		return edits
	}
	// n[i][j] is the length of the LCS of a[i:] and b[j:].
	w := len(b) + 1
	n := make([]int32, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				n[i*w+j] = n[(i+1)*w+j+1] + 1
			} else {
				n[i*w+j] = max(n[(i+1)*w+j], n[i*w+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			edits = append(edits, edit{' ', a[i]})
			i++
			j++
		case j == len(b) || i < len(a) && n[(i+1)*w+j] >= n[i*w+j+1]:
			edits = append(edits, edit{'-', a[i]})
			i++
		default:
			edits = append(edits, edit{'+', b[j]})
			j++
		}
	}
	return edits
}

// hunks groups the changes of edits into unified-diff hunks with ctx lines
// of context, each returned as its lines ("@@ ... @@" first), every line
// ending in a newline.
func hunks(edits []edit, ctx int) [][]string {
	// before[k] counts the lines of a and b before edits[k].
	type counts struct{ a, b int }
	before := make([]counts, len(edits)+1)
	for k, e := range edits {
		c := before[k]
		if e.kind != '+' {
			c.a++
		}
		if e.kind != '-' {
			c.b++
		}
		before[k+1] = c
	}
	var out [][]string
	k := 0
	for {
		for k < len(edits) && edits[k].kind == ' ' {
			k++
		}
		if k == len(edits) {
			return out
		}
		start := max(k-ctx, 0)
		// Extend the hunk over changes separated by at most 2*ctx kept lines.
		end := k
		for end < len(edits) {
			for end < len(edits) && edits[end].kind != ' ' {
				end++
			}
			run := end
			for run < len(edits) && edits[run].kind == ' ' {
				run++
			}
			if run == len(edits) || run-end > 2*ctx {
				end = min(end+ctx, len(edits))
				break
			}
			end = run
		}
		from, to := before[start], before[end]
		h := []string{fmt.Sprintf("@@ -%s +%s @@\n", hunkRange(from.a, to.a-from.a), hunkRange(from.b, to.b-from.b))}
		for _, e := range edits[start:end] {
			line := string(e.kind) + e.line
			if !strings.HasSuffix(line, "\n") {
				line += "\n\\ No newline at end of file\n"
			}
			h = append(h, line)
		}
		out = append(out, h)
		k = end
	}
}

// hunkRange formats a hunk's line range: the first line (1-based) and the
// count, or for an empty range the line before it.
func hunkRange(before, count int) string {
	if count == 0 {
		return fmt.Sprintf("%d,0", before)
	}
	if count == 1 {
		return fmt.Sprint(before + 1)
	}
	return fmt.Sprintf("%d,%d", before+1, count)
}

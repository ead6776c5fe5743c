// Package txtar reads and writes the archive format of
// golang.org/x/tools/txtar, in which the generator's golden and end-to-end
// cases are kept: a comment, then files introduced by "-- name --" lines.
package txtar

import "bytes"

// Archive is a comment and files, in order.
type Archive struct {
	Comment []byte
	Files   []File
}

// File is one "-- name --" section.
type File struct {
	Name string
	Data []byte
}

// Parse reads an archive; every input is one (text before the first marker
// line is the comment).
func Parse(data []byte) *Archive {
	ar := &Archive{}
	var cur *File
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i+1], data[i+1:]
		} else {
			data = nil
		}
		trimmed := bytes.TrimRight(line, "\n")
		if bytes.HasPrefix(trimmed, []byte("-- ")) && bytes.HasSuffix(trimmed, []byte(" --")) && len(trimmed) > 6 {
			ar.Files = append(ar.Files, File{Name: string(trimmed[3 : len(trimmed)-3])})
			cur = &ar.Files[len(ar.Files)-1]
			continue
		}
		if cur == nil {
			ar.Comment = append(ar.Comment, line...)
		} else {
			cur.Data = append(cur.Data, line...)
		}
	}
	return ar
}

// Format writes the archive back; a file not ending in a newline gets one.
func (ar *Archive) Format() []byte {
	var b bytes.Buffer
	b.Write(ar.Comment)
	for _, f := range ar.Files {
		b.WriteString("-- " + f.Name + " --\n")
		b.Write(f.Data)
		if len(f.Data) > 0 && f.Data[len(f.Data)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

// Set replaces the named file's data, or appends the file.
func (ar *Archive) Set(name string, data []byte) {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			ar.Files[i].Data = data
			return
		}
	}
	ar.Files = append(ar.Files, File{Name: name, Data: data})
}

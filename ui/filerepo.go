package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage/repository"
)

// Fyne's save dialog opens the chosen file for writing before it calls
// back, which truncates a file that is already there. Every file this
// program writes goes through the store's safe-write helper instead, so
// the file scheme is wrapped: a writer opens its file only when the first
// byte is written, and a writer closed unused leaves the file as it was.

// lazyFiles wraps Fyne's file repository; everything but Writer passes
// through.
type lazyFiles struct {
	inner repository.Repository
}

// installLazyFiles wraps the registered file repository once.
func installLazyFiles() {
	inner, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	if _, done := inner.(lazyFiles); done {
		return
	}
	repository.Register("file", lazyFiles{inner: inner})
}

func (l lazyFiles) Exists(u fyne.URI) (bool, error)               { return l.inner.Exists(u) }
func (l lazyFiles) Reader(u fyne.URI) (fyne.URIReadCloser, error) { return l.inner.Reader(u) }
func (l lazyFiles) CanRead(u fyne.URI) (bool, error)              { return l.inner.CanRead(u) }
func (l lazyFiles) Destroy(scheme string)                         { l.inner.Destroy(scheme) }

func (l lazyFiles) writable() repository.WritableRepository {
	w, _ := l.inner.(repository.WritableRepository)
	return w
}

// Writer returns a writer that creates the file at its first write.
func (l lazyFiles) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	w := l.writable()
	if w == nil {
		return nil, repository.ErrOperationNotSupported
	}
	return &lazyWriter{uri: u, open: func() (fyne.URIWriteCloser, error) { return w.Writer(u) }}, nil
}

func (l lazyFiles) CanWrite(u fyne.URI) (bool, error) {
	if w := l.writable(); w != nil {
		return w.CanWrite(u)
	}
	return false, nil
}

func (l lazyFiles) Delete(u fyne.URI) error {
	if w := l.writable(); w != nil {
		return w.Delete(u)
	}
	return repository.ErrOperationNotSupported
}

func (l lazyFiles) Appender(u fyne.URI) (fyne.URIWriteCloser, error) {
	if a, ok := l.inner.(repository.AppendableRepository); ok {
		return a.Appender(u)
	}
	return nil, repository.ErrOperationNotSupported
}

func (l lazyFiles) CanList(u fyne.URI) (bool, error) {
	if ls, ok := l.inner.(repository.ListableRepository); ok {
		return ls.CanList(u)
	}
	return false, nil
}

func (l lazyFiles) List(u fyne.URI) ([]fyne.URI, error) {
	if ls, ok := l.inner.(repository.ListableRepository); ok {
		return ls.List(u)
	}
	return nil, repository.ErrOperationNotSupported
}

func (l lazyFiles) CreateListable(u fyne.URI) error {
	if ls, ok := l.inner.(repository.ListableRepository); ok {
		return ls.CreateListable(u)
	}
	return repository.ErrOperationNotSupported
}

func (l lazyFiles) Parent(u fyne.URI) (fyne.URI, error) {
	if h, ok := l.inner.(repository.HierarchicalRepository); ok {
		return h.Parent(u)
	}
	return repository.GenericParent(u)
}

func (l lazyFiles) Child(u fyne.URI, name string) (fyne.URI, error) {
	if h, ok := l.inner.(repository.HierarchicalRepository); ok {
		return h.Child(u, name)
	}
	return repository.GenericChild(u, name)
}

// lazyWriter opens its file only when written to.
type lazyWriter struct {
	uri  fyne.URI
	open func() (fyne.URIWriteCloser, error)
	w    fyne.URIWriteCloser
}

func (lw *lazyWriter) URI() fyne.URI { return lw.uri }

func (lw *lazyWriter) Write(b []byte) (int, error) {
	if lw.w == nil {
		w, err := lw.open()
		if err != nil {
			return 0, err
		}
		lw.w = w
	}
	return lw.w.Write(b)
}

func (lw *lazyWriter) Close() error {
	if lw.w == nil {
		return nil
	}
	return lw.w.Close()
}

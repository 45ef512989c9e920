package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/emmansun/gmsm/smx509"

	"github.com/shanzhi-gov/shanzhi/internal/license"
)

// maxLicenceFile bounds an exported licence file: a few kilobytes of
// metadata and two certificates.
const maxLicenceFile = 1 << 20

// runVerifyLicence checks an exported licence file offline:
//
//	shanzhi verify licence [--ca ROOT.pem] FILE
//
// The seals are checked with the certificate the file carries and, with
// --ca, that certificate against the district CA. Exit code 1 when the
// licence does not verify. The status is as of the export: only the
// online check knows later suspensions and revocations.
func runVerifyLicence(_ context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("verify licence", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	caFile := fs.String("ca", "", "PEM file of the district root CA certificate")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return errUsage
	}
	e, err := readLicenceExport(fs.Arg(0))
	if err != nil {
		return err
	}
	var roots []*smx509.Certificate
	if *caFile != "" {
		if roots, err = readLicenceRoots(*caFile); err != nil {
			return err
		}
	}
	res, err := license.VerifyExport(e, roots)
	if err != nil {
		fmt.Fprintln(out, "验证未通过：", err)
		return &exitError{code: 1}
	}
	return writeLicenceResult(out, e, res)
}

// readLicenceExport reads and decodes an exported licence.
func readLicenceExport(path string) (license.Export, error) {
	f, err := os.Open(path)
	if err != nil {
		return license.Export{}, err
	}
	defer f.Close()
	var e license.Export
	dec := json.NewDecoder(io.LimitReader(f, maxLicenceFile))
	if err := dec.Decode(&e); err != nil {
		return license.Export{}, fmt.Errorf("%s: not a licence export: %w", path, err)
	}
	return e, nil
}

// readLicenceRoots reads the CA certificate(s) of a PEM file.
func readLicenceRoots(path string) ([]*smx509.Certificate, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c, err := license.ParseCertPEM(string(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return []*smx509.Certificate{c}, nil
}

// writeLicenceResult reports a licence that verified.
func writeLicenceResult(out io.Writer, e license.Export, res license.OfflineResult) error {
	chain := "未核对签发机构（可用 --ca 指定区级根证书）"
	if res.ChainChecked {
		chain = "印章证书由指定根证书签发"
	}
	_, err := fmt.Fprintf(out, "验证通过：电子印章签名有效\n证照名称：%s\n证照标识：%s\n颁发机构：%s\n导出时状态：%s\n印章证书序列号：%s\n%s\n"+
		"注：离线核验只能证明导出时的数据未被篡改；证照是否已暂扣或吊销，请以在线核验为准。\n",
		e.Metadata.Name, res.Identifier, e.Metadata.IssuerName, res.Status, res.CertSerial, chain)
	return err
}

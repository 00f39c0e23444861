package data

// IsPayout tells a payout of credit from a payment received: money that
// left the studio without taking a payment back.
func (p Payment) IsPayout() bool { return p.Amount < 0 && p.Reverses == 0 }

// ChargeShare is the part of one charge a payment settled.
type ChargeShare struct {
	Charge Charge
	Amount Money
}

// Generated from src/finding.rs by `BLESS=1 cargo test --lib typescript`; do not edit.
// The findings contract (docs/findings.md) as the JavaScript shell sees it.

export type Kind = 'preticked_consent' | 'policy_claim' | 'policy_contradiction' | 'permission' | 'permission_prompt' | 'group_invite' | 'breach_notice';
export type Flag = 'hidden' | 'bundled' | 'radio' | 'opt_out';
export type Severity = 'info' | 'low' | 'medium' | 'high';

export interface ElementRef {
  id: string | null;
  name: string | null;
  selector: string;
}

export interface Span {
  start: number;
  end: number;
}

export interface Related {
  evidence: string;
  span: Span | null;
}

export interface Finding {
  kind: Kind;
  category: string;
  severity: Severity;
  rule: string;
  message: string;
  evidence: string;
  element: ElementRef | null;
  span: Span | null;
  flags: Flag[];
  related?: Related[];
  status?: 'present' | 'vague' | 'missing';
}

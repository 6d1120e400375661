/**
 * The workflows' labels as the server's tables give them (WORKFLOWS in
 * types.gen.ts, from src/modules/<entity>/<entity>.workflow.ts): a state's
 * name (`stateLabel('report', 'submitted')` → 已报送) and a transition's
 * (`transitionLabel('order', 'sign')` → 签收), in the user's language. The
 * screens keep no status labels of their own; where a screen words a moment
 * differently (a submitted plan "awaiting approval"), that is a phrase of the
 * screen in i18n.ts, not a second table.
 */
import { useMemo } from 'react';
import { useI18n, type Locale } from '../i18n';
import { WORKFLOWS } from './types.gen';

type Workflows = typeof WORKFLOWS;
export type WorkflowName = keyof Workflows;
export type StateOf<W extends WorkflowName> = keyof Workflows[W]['states'] & string;
export type TransitionOf<W extends WorkflowName> = keyof Workflows[W]['transitions'] & string;

interface Labelled {
  zh: string;
  en: string;
}

export function stateLabel<W extends WorkflowName>(locale: Locale, workflow: W, state: StateOf<W>): string {
  const states: Record<string, Labelled> = WORKFLOWS[workflow].states;
  return states[state]?.[locale] ?? state;
}

/** A transition's label as a button shows it: the table's words (in English capitalised: "Sign for"). */
export function transitionLabel<W extends WorkflowName>(locale: Locale, workflow: W, transition: TransitionOf<W>): string {
  const transitions: Record<string, { label: Labelled }> = WORKFLOWS[workflow].transitions;
  const label = transitions[transition]?.label[locale] ?? transition;
  return locale === 'en' ? label.charAt(0).toUpperCase() + label.slice(1) : label;
}

export interface WorkflowLabels {
  state: <W extends WorkflowName>(workflow: W, state: StateOf<W>) => string;
  transition: <W extends WorkflowName>(workflow: W, transition: TransitionOf<W>) => string;
}

/** The labels in the current language: `const labels = useWorkflowLabels(); labels.state('order', o.status)`. */
export function useWorkflowLabels(): WorkflowLabels {
  const { locale } = useI18n();
  return useMemo(
    () => ({
      state: (workflow, state) => stateLabel(locale, workflow, state),
      transition: (workflow, transition) => transitionLabel(locale, workflow, transition),
    }),
    [locale],
  );
}

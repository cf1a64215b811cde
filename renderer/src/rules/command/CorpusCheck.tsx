// The rule being added against the built-in bypass corpus: how many of the must-match lines that
// hide a command it matches it catches (and which it misses), and the look-alikes it would hit.
import { useTranslation } from 'react-i18next';
import type { CorpusResult } from '../../../../shared/contract/gateway-api/command-rules';
import { commandText } from '../../model/command-rules';

const SHOWN = 6;

export function CorpusCheck({ result }: { result: Exclude<CorpusResult, { refused: unknown }> }) {
  const { t } = useTranslation('rules');
  const { mustMatch, lookAlikes } = result;
  return (
    <div className="command-rules-corpus" data-testid="command-rule-corpus">
      <p data-testid="command-rule-corpus-caught" className={mustMatch.missed.length > 0 ? 'error-text' : ''}>
        {mustMatch.total === 0 ? t('command.corpus.noneConcerned') : t('command.corpus.caught', { caught: mustMatch.caught, count: mustMatch.total })}
      </p>
      {mustMatch.missed.length > 0 && (
        <ul className="command-rules-lines">
          {mustMatch.missed.slice(0, SHOWN).map((line) => (
            <li key={line} className="mono">
              {t('command.corpus.missed', { line })}
            </li>
          ))}
        </ul>
      )}
      <p data-testid="command-rule-corpus-lookalikes" className={lookAlikes.hit.length > 0 ? 'error-text' : ''}>
        {lookAlikes.hit.length === 0 ? t('command.corpus.noLookAlike', { total: lookAlikes.total }) : t('command.corpus.lookAlikes', { count: lookAlikes.hit.length })}
      </p>
      {lookAlikes.hit.length > 0 && (
        <ul className="command-rules-lines">
          {lookAlikes.hit.slice(0, SHOWN).map((h) => (
            <li key={h.line} className="mono" data-testid="command-rule-corpus-lookalike">
              {t('command.corpus.lookAlike', { line: h.line, command: commandText(h.command) })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

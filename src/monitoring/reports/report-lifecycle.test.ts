import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decisionNoteProblem, isEditableReport, nextReportStatus, reportStatuses } from './report-lifecycle.ts';

describe('progress report lifecycle', () => {
  it('goes draft → submitted → approved | returned, and returned → submitted', () => {
    assert.equal(nextReportStatus('draft', 'submit'), 'submitted');
    assert.equal(nextReportStatus('submitted', 'approve'), 'approved');
    assert.equal(nextReportStatus('submitted', 'return'), 'returned');
    assert.equal(nextReportStatus('returned', 'submit'), 'submitted');
  });
  it('refuses every other move', () => {
    assert.equal(nextReportStatus('draft', 'approve'), null);
    assert.equal(nextReportStatus('draft', 'return'), null);
    assert.equal(nextReportStatus('approved', 'return'), null);
    assert.equal(nextReportStatus('approved', 'submit'), null);
    assert.equal(nextReportStatus('submitted', 'submit'), null);
    assert.equal(nextReportStatus('returned', 'approve'), null);
  });
  it('lets the agency edit only drafts and returned reports', () => {
    assert.deepEqual(reportStatuses.filter(isEditableReport), ['draft', 'returned']);
  });
  it('requires a note to return', () => {
    assert.equal(decisionNoteProblem('return', '  '), 'required');
    assert.equal(decisionNoteProblem('return', 'ارقام هزینه را اصلاح کنید'), null);
    assert.equal(decisionNoteProblem('approve', ''), null);
    assert.equal(decisionNoteProblem('approve', 'x'.repeat(2001)), 'too_long');
  });
});

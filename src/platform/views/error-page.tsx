import { t, type MessageKey } from '../i18n/t.ts';
import type { ErrorCode } from '../http/errors.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

export function ErrorPage(props: { page: PageContext; code: ErrorCode; status: number; detail?: string }) {
  const title = t(`error.${props.code}.title` as MessageKey);
  return (
    <Layout page={props.page} title={title}>
      <section class="error-page" aria-labelledby="error-title">
        <p class="error-status" aria-hidden="true">{t('error.code', { code: props.status })}</p>
        <h1 id="error-title">{title}</h1>
        <p>{t(`error.${props.code}.body` as MessageKey)}</p>
        {props.detail && <p class="error-detail">{props.detail}</p>}
        <p>
          <a class="button" href="/">{t('error.back_home')}</a>
        </p>
      </section>
    </Layout>
  );
}

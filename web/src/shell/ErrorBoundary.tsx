import { Component, type ReactNode } from 'react';
import { withTranslation, type WithTranslation } from 'react-i18next';

interface State {
  message: string | null;
}

/** A view that throws shows its error and leaves the rest of the page working. */
class Boundary extends Component<WithTranslation & { children: ReactNode }, State> {
  override state: State = { message: null };
  static getDerivedStateFromError(err: unknown): State {
    return { message: err instanceof Error ? err.message : String(err) };
  }
  override render() {
    if (this.state.message !== null)
      return <p role="alert">{this.props.t('error.view', { message: this.state.message })}</p>;
    return this.props.children;
  }
}

export const ErrorBoundary = withTranslation('shell')(Boundary);

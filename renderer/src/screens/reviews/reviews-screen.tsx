import './reviews.css';
import type { ReactNode } from 'react';
import { useHashPath } from '../../hooks/use-hash-path';
import { MeetingMode } from './meeting-mode';
import { MeetingPage } from './meeting-page';
import { MinutesView } from './minutes-view';
import { ReviewsHome } from './reviews-home';
import { parseReviewsRoute } from './reviews-route';

/** `#/reviews…`: the home, one meeting, meeting mode (full screen: the shell leaves the sidebar out) and minutes. */
export function ReviewsScreen(): ReactNode {
  const route = parseReviewsRoute(useHashPath());
  switch (route.view) {
    case 'home':
      return <ReviewsHome />;
    case 'meeting':
      return <MeetingPage key={route.meetingId} meetingId={route.meetingId} />;
    case 'run':
      return <MeetingMode key={route.meetingId} meetingId={route.meetingId} />;
    case 'minutes':
      return <MinutesView key={route.meetingId} meetingId={route.meetingId} />;
  }
}
